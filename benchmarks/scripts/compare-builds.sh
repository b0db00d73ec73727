#!/usr/bin/env bash
# Cold-JVM `classify` of this checkout's CLI against another build's CLI (a baseline commit), in one
# run, interleaved, so that a refactoring can show it costs nothing. Prints medians and the ratio.
#
# usage: benchmarks/scripts/compare-builds.sh BASELINE_JAR [RUNS]
#   BASELINE_JAR: examples/target/videoclass.jar of the baseline, built in its own worktree:
#     git worktree add /tmp/base <commit> && (cd /tmp/base && mvn -B -DskipTests package)
# (after: mvn -B -DskipTests package here; test videos as compare-scenes.sh writes them)
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=${1:?usage: compare-builds.sh BASELINE_JAR [RUNS]}
RUNS=${2:-7}
# shellcheck source=benchmarks/scripts/common.sh
source benchmarks/scripts/common.sh

make_video "$WORK/h264-720p-24s.mp4" 1280x720 "3.1 4.7 2.3 5.9 3.3 4.7" -c:v libx264 -preset veryfast -crf 23
[ -s "$WORK/sample.mp4" ] || java -jar "$JAR" make-sample "$WORK/sample.mp4" >/dev/null

echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | xargs), $(date -u +%F)"
echo "runs per build: $RUNS (interleaved); seconds, JVM start included: wall clock, and CPU (user + sys,"
echo "steadier than wall clock on a shared machine)"
# one cold run: appends wall-clock seconds to $1 and CPU seconds to $2
run() {
  local wall=$1 cpu=$2; shift 2
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || { echo "FAILED: $*" >&2; return 1; }
  echo "$t" | awk '{print $1}' >> "$wall"
  echo "$t" | awk '{print $2 + $3}' >> "$cpu"
}
# the verdict without its timings, which differ run to run
verdict() { java -jar "$1" classify "$2" | sed 's/"timings_ms":{[^}]*}//'; }
for f in sample.mp4 h264-720p-24s.mp4; do
  v="$WORK/$f"
  : > "$WORK/bw" ; : > "$WORK/bc" ; : > "$WORK/aw" ; : > "$WORK/ac"
  for ((r = 0; r < RUNS; r++)); do
    run "$WORK/bw" "$WORK/bc" java -jar "$BASE" classify "$v" --poster "$WORK/p0.jpg"
    run "$WORK/aw" "$WORK/ac" java -jar "$JAR" classify "$v" --poster "$WORK/p1.jpg"
  done
  bw=$(median < "$WORK/bw"); aw=$(median < "$WORK/aw"); bc=$(median < "$WORK/bc"); ac=$(median < "$WORK/ac")
  printf '%s: classify wall before %.2f | after %.2f | after/before %.3f; CPU before %.2f | after %.2f | after/before %.3f\n' \
    "$f" "$bw" "$aw" "$(echo "$aw / $bw" | bc -l)" "$bc" "$ac" "$(echo "$ac / $bc" | bc -l)"
  verdict "$BASE" "$v" > "$WORK/before.json"
  verdict "$JAR" "$v" > "$WORK/after.json"
  if cmp -s "$WORK/before.json" "$WORK/after.json"; then echo "  verdict JSON identical (timings aside)"; else echo "  verdict JSON differs"; fi
done
