#!/usr/bin/env bash
# Replay throughput (events/s): JMH benchmark io.heapsift.bench.ReplayBench, ~1 M pre-parsed events through
# Replayer + PtmallocModel (model=ptmalloc) and through a trivial bump allocator (model=none: the driver alone),
# then the same replay timed by CPU time (io.heapsift.bench.ReplayCpuTime: 6 warm-up replays, best and median of 12; ParallelGC as the launcher uses),
# then three real workload captures the same way,
# which leaves out waiting for a core but not other processes' cache and memory contention: compare builds side by
# side (docs/fidelity.md, Throughput). Usage: bench/replay.sh [extra JMH args]
# Results: bench/out/replay-<date>.txt (JMH's ops/s score = events/s)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
out="bench/out/replay-$(date +%Y%m%d-%H%M%S).txt"
args="-f 1 -wi 3 -i 5 ReplayBench ${*:-}"
mvn -B -q -Pjmh -DskipTests test-compile exec:exec -Djmh.args="$args" | tee "$out"
# (-Dstyle.color=never: a colour escape before the first path would hide that jar from the JVM)
cp="$(mvn -B -q -Dstyle.color=never -Pjmh dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout | sed 's/\x1b\[[0-9;]*m//g')"
java -Xmx2g -XX:+UseParallelGC -cp "target/test-classes:target/classes:$cp" io.heapsift.bench.ReplayCpuTime 12 6 | tee -a "$out"
# the same on real captures (parsed into memory once, then replayed): the largest workload captures
java -Xmx2g -XX:+UseParallelGC -cp "target/test-classes:target/classes:$cp" io.heapsift.bench.ReplayCpuTime 12 6 \
    fixtures/workloads/holes_64_2.bpftrace.txt.gz fixtures/workloads/cache_f3.bpftrace.txt.gz \
    fixtures/workloads/random_1.bpftrace.txt.gz | grep -v '^warm-up' | tee -a "$out"
echo "results: $out"
