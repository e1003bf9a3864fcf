#!/usr/bin/env bash
# Runs the JMH benchmarks in benchmarks/target/benchmarks.jar with 1 and then 2 threads and prints one
# markdown table of both runs (PerformanceTable). Builds nothing: build first with
#   mvn -B -Pbench package -DskipTests          (from the repository root)
# Usage: run-benchmarks.sh [include-regex] [extra JMH options]
#   run-benchmarks.sh 'dl4j' '-wi 2 -i 3'
# The thread count reaches DL4J through OMP_NUM_THREADS (libnd4j and OpenBLAS read it when they load) and
# Gradflow through -p threads=N; every benchmark reports it as its threads parameter.
# Writes target/jmh/threads-N.csv (JMH's CSV), threads-N.txt (JMH's log) and table.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/benchmarks.jar"
out="$here/target/jmh"
include="${1:-.*}"
extra="${2:-}"

if [[ ! -f "$jar" ]]; then
  echo "run-benchmarks.sh: no $jar; build it first: mvn -B -Pbench package -DskipTests" >&2
  exit 1
fi
mkdir -p "$out"

# defaults, each unless the extra options give it (JMH refuses an option given twice)
defaults=()
for pair in "-f 1" "-wi 5" "-w 2s" "-i 5" "-r 2s"; do
  flag="${pair%% *}"
  if [[ " $extra " != *" $flag "* ]]; then
    defaults+=($pair)
  fi
done

for n in 1 2; do
  echo "== $n thread(s): OMP_NUM_THREADS=$n, -p threads=$n" >&2
  # shellcheck disable=SC2086  # the extra options are meant to split into words
  OMP_NUM_THREADS=$n java -jar "$jar" "$include" \
      "${defaults[@]}" -p threads=$n \
      -jvmArgsAppend "--add-modules jdk.incubator.vector -Xmx4g" \
      -rf csv -rff "$out/threads-$n.csv" \
      $extra 2>&1 | tee "$out/threads-$n.txt"
done

java -cp "$jar" org.gradflow.benchmarks.PerformanceTable "$out/threads-1.csv" "$out/threads-2.csv" | tee "$out/table.md"
