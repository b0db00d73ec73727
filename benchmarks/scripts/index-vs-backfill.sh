#!/usr/bin/env bash
# Scene indexing against backfill on the same folder, with the same scorer (the demo model on ONNX
# Runtime's CPU build): `videoclass index` (classify with embeddings, then a Lucene add and commit per
# video) against `videoclass backfill` (classify, then a JSON line per video), each from an empty
# output, interleaved RUNS times; medians and their ratio. A second `index` run over the indexed
# folder shows the resumed cost (hashing only).
#
# usage: benchmarks/scripts/index-vs-backfill.sh [VIDEOS] [PARALLEL] [RUNS]   (after: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
VIDEOS=${1:-16}
PARALLEL=${2:-1}
RUNS=${3:-3}
# shellcheck source=benchmarks/scripts/common.sh
source benchmarks/scripts/common.sh
DIR="$WORK/index-$VIDEOS"
MODEL="$WORK/demo-model"
mkdir -p "$DIR"
[ -s "$MODEL/vision_model.onnx" ] || java -jar "$JAR" make-demo-model "$MODEL" >/dev/null
echo "writing $VIDEOS clips (12 s, 720p H.264, 3 cuts) into $DIR ..." >&2
for i in $(seq 1 "$VIDEOS"); do
  lengths=$(awk -v s="$i" 'BEGIN { srand(s); printf "%.1f %.1f %.1f %.1f", 2 + 3 * rand(), 2 + 3 * rand(), 2 + 3 * rand(), 2 + 3 * rand() }')
  make_video "$DIR/clip-$i.mp4" 1280x720 "$lengths" -c:v libx264 -preset veryfast -crf 23
done
SCORER=(--scorer onnx --model "$MODEL" --provider cpu --parallel "$PARALLEL")
backfill_times=() index_times=()
for r in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/bench.jsonl" "$WORK/bench-index"
  backfill_times+=("$(timeit java -jar "$JAR" backfill "$DIR" --out "$WORK/bench.jsonl" "${SCORER[@]}")")
  index_times+=("$(timeit java -jar "$JAR" index "$DIR" --index "$WORK/bench-index" "${SCORER[@]}")")
done
resumed=$(timeit java -jar "$JAR" index "$DIR" --index "$WORK/bench-index" "${SCORER[@]}")
b=$(printf '%s\n' "${backfill_times[@]}" | median)
i=$(printf '%s\n' "${index_times[@]}" | median)
echo
echo "$VIDEOS videos, --parallel $PARALLEL, $RUNS runs each, interleaved"
echo "backfill runs: ${backfill_times[*]}"
echo "index runs:    ${index_times[*]}"
printf 'backfill median %.2f s = %.1f videos/min\n' "$b" "$(echo "$VIDEOS * 60 / $b" | bc -l)"
printf 'index    median %.2f s = %.1f videos/min\n' "$i" "$(echo "$VIDEOS * 60 / $i" | bc -l)"
printf 'index / backfill = %.3f\n' "$(echo "$i / $b" | bc -l)"
printf 'resumed index run (nothing new): %.2f s\n' "$resumed"
