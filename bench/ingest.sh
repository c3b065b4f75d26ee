#!/usr/bin/env bash
# Ingest benchmark: parse + outstanding table on generated traces of N events, in a fresh JVM each,
# reporting events/s, wall time, peak Java heap (from GC logs) and max RSS.
#
#   bench/ingest.sh [EVENTS] [HEAP]        defaults: 10000000 events, -Xmx256m
#
# The traces are generated once into bench/out/ (ltrace: -f -tt lines from 4 interleaving threads;
# bpftrace: heapsift.bt records with stacks on allocations). Not a unit test: run it by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-10000000}
HEAP=${2:-256m}
OUT=bench/out
mkdir -p "$OUT"
[ -f target/heapsift.jar ] || mvn -B -q package -DskipTests
[ -d target/test-classes/io/heapsift/ingest ] || mvn -B -q test-compile
CP="target/test-classes:target/heapsift.jar"

gen() { # format file
  [ -s "$2" ] && return
  echo "generating $2 ($EVENTS events) ..." >&2
  case "$1" in
    ltrace) java -cp "$CP" io.heapsift.ingest.ltrace.LtraceTraceGenerator "$2" "$EVENTS" 4 ;;
    bpftrace) java -cp "$CP" io.heapsift.bench.BpftraceTraceGenerator "$2" "$EVENTS" 4 ;;
  esac
}

run() { # format file
  local log="$OUT/gc-$1.log" res="$OUT/time-$1.txt"
  /usr/bin/time -v -o "$res" java -Xmx"$HEAP" -XX:+UseParallelGC -Xlog:gc:file="$log" \
      -jar target/heapsift.jar table --output json --top 5 "$2" > "$OUT/table-$1.json"
  python3 - "$1" "$2" "$log" "$res" "$OUT/table-$1.json" <<'PY'
import json, re, sys, os
fmt, trace, gclog, timef, tablef = sys.argv[1:]
doc = json.load(open(tablef))
t = open(timef).read()
wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0]
parts = [float(x) for x in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
peak = 0
for line in open(gclog):
    m = re.search(r"(\d+)M->(\d+)M\(", line)
    if m:
        peak = max(peak, int(m.group(1)))
print("%-9s %12d lines %12d events  %6.1f s  %9.0f events/s  %7.1f MB/s  peak heap %4d MB  max RSS %4d MB  (file %d MB)" % (
    fmt, doc["lines"], doc["events"], secs, doc["events"] / secs, os.path.getsize(trace) / 1e6 / secs, peak, rss // 1024,
    os.path.getsize(trace) // 1000000))
PY
}

gen ltrace "$OUT/bench-$EVENTS.ltrace"
run ltrace "$OUT/bench-$EVENTS.ltrace"
if [ -f target/test-classes/io/heapsift/bench/BpftraceTraceGenerator.class ]; then
  gen bpftrace "$OUT/bench-$EVENTS.bpftrace"
  run bpftrace "$OUT/bench-$EVENTS.bpftrace"
fi
