#!/usr/bin/env python3
"""Generates a realistic ltrace capture (`ltrace -f -tt -e malloc+free+calloc+realloc`) with N events.

Streams to stdout. Several threads interleave (with <unfinished ...>/<... resumed> pairs); addresses are
consistent (every free/realloc refers to a live block), so the outstanding table can be checked.
Usage: gen_ltrace.py N [threads] [seed] > trace.ltrace
"""
import random
import sys


def main():
    n = int(sys.argv[1])
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    tids = [4000 + i for i in range(threads)]
    live = {t: [] for t in tids}
    next_addr = 0x55d0_0000_0000
    t_us = 10 * 3600 * 1_000_000
    out = sys.stdout
    write = out.write
    pending = None  # (tid, text) of an open call
    for i in range(n):
        tid = rnd.choice(tids)
        t_us += rnd.randint(1, 40)
        ts = "%02d:%02d:%02d.%06d" % (t_us // 3_600_000_000 % 24, t_us // 60_000_000 % 60, t_us // 1_000_000 % 60, t_us % 1_000_000)
        blocks = live[tid]
        r = rnd.random()
        if blocks and r < 0.42:
            addr = blocks.pop(rnd.randrange(len(blocks)))
            call, ret = "free(0x%x" % addr, "<void>"
        elif blocks and r < 0.48:
            old = blocks.pop(rnd.randrange(len(blocks)))
            next_addr += 16 * rnd.randint(2, 300)
            call, ret = "realloc(0x%x, %d" % (old, rnd.randint(1, 4000)), "0x%x" % next_addr
            blocks.append(next_addr)
        else:
            next_addr += 16 * rnd.randint(2, 300)
            if r < 0.54:
                call = "calloc(%d, %d" % (rnd.randint(1, 16), rnd.randint(1, 256))
            else:
                call = "malloc(%d" % rnd.randint(1, 8192)
            ret = "0x%x" % next_addr
            blocks.append(next_addr)
        name = call[:call.index("(")]
        if pending is None and rnd.random() < 0.05:
            write("[pid %d] %s prog->%s <unfinished ...>\n" % (tid, ts, call))
            pending = (tid, name, ret)
            continue
        if pending is not None and pending[0] == tid:
            write("[pid %d] %s <... %s resumed> ) = %s\n" % (tid, ts, pending[1], pending[2]))
            pending = None
        if pending is not None and pending[0] != tid:
            ptid, pname, pret = pending
            write("[pid %d] %s prog->%s) = %s\n" % (tid, ts, call, ret))
            write("[pid %d] %s <... %s resumed> ) = %s\n" % (ptid, ts, pname, pret))
            pending = None
            continue
        write("[pid %d] %s prog->%s) = %s\n" % (tid, ts, call, ret))
    if pending is not None:
        ptid, pname, pret = pending
        write("[pid %d] %s <... %s resumed> ) = %s\n" % (ptid, "23:59:59.000000", pname, pret))
    for t in tids[1:]:
        write("[pid %d] +++ exited (status 0) +++\n" % t)
    write("[pid %d] +++ exited (status 0) +++\n" % tids[0])


if __name__ == "__main__":
    main()
