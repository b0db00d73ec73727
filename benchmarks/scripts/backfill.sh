#!/usr/bin/env bash
# Backfill throughput with the built-in scorer: `videoclass backfill` over a folder of phone-sized
# clips (some uploaded twice), then the same folder again, when everything is already done, against
# the hashing floor (`sha256sum` of the same files) measured in the same run.
#
# usage: benchmarks/scripts/backfill.sh [VIDEOS] [PARALLEL]   (after: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
VIDEOS=${1:-24}
PARALLEL=${2:-2}
# shellcheck source=benchmarks/scripts/common.sh
source benchmarks/scripts/common.sh
DIR="$WORK/backfill-$VIDEOS"
make_backfill_folder "$DIR" "$VIDEOS"
OUT="$WORK/backfill-$VIDEOS.jsonl"
rm -f "$OUT"
files=$(ls "$DIR" | wc -l)
bytes=$(du -sb "$DIR" | cut -f1)

first=$(timeit java -jar "$JAR" backfill "$DIR" --out "$OUT" --parallel "$PARALLEL")
second=$(timeit java -jar "$JAR" backfill "$DIR" --out "$OUT" --parallel "$PARALLEL")
hash=$(timeit sha256sum "$DIR"/*)
java_start=$(timeit java -jar "$JAR" --version)
lines=$(wc -l < "$OUT")
echo
echo "files $files ($((bytes / 1024 / 1024)) MB), distinct contents $lines, --parallel $PARALLEL"
printf 'first run:  %.2f s = %.1f videos/min (distinct contents classified)\n' "$first" "$(echo "$lines * 60 / $first" | bc -l)"
printf 'second run: %.2f s (all reused); sha256sum of the same files %.2f s; JVM start (--version) %.2f s\n' \
  "$second" "$hash" "$java_start"
