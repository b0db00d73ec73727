#!/usr/bin/env bash
# The Spark backfill in local mode against the CLI's backfill on the same folder, in one run,
# interleaved: `videoclass backfill --parallel P` and `bin/videoclass-spark --master local[P]`, each
# into a fresh output, RUNS times. Prints medians of the wall clock (JVM and Spark start included),
# videos per minute (distinct contents classified per minute of wall clock), CPU seconds (user +
# system: steadier than the wall clock on a shared machine), the seconds each summary reports for its
# own work (after start-up), peak RSS, and whether both wrote the same rows and decisions. One
# untimed Spark run comes first, so the timed ones find the launcher's class-data-sharing archive.
#
# usage: benchmarks/scripts/compare-spark-backfill.sh [VIDEOS] [RUNS] [PARALLEL] [VERSIONS]
#   after: mvn -B -DskipTests install && mvn -B -f examples/spark-backfill/pom.xml -DskipTests package
# VIDEOS clips as benchmarks/scripts/backfill.sh writes them (every fourth one twice). VERSIONS > 1
# adds, per clip, VERSIONS - 1 remuxed copies that differ only in a metadata tag: other bytes, so
# other contents, with the same decoding work, for a larger run without encoding more video.
# Clips are written by the GPL ffmpeg tool under videoclass-ffmpeg/target/ffmpeg-tool (see common.sh).
# CLIP_SECONDS (environment, default 12): the clips' length. Other than 12, each clip joins
# round(CLIP_SECONDS / 12) of the 12 s clips without re-encoding (make_long_backfill_folder), into
# backfill-VIDEOS-CLIP_SECONDSs, so that the 12 s folders stay as they are.
set -euo pipefail
cd "$(dirname "$0")/../.."
VIDEOS=${1:-60}
RUNS=${2:-3}
PARALLEL=${3:-2}
VERSIONS=${4:-1}
# shellcheck source=benchmarks/scripts/common.sh
source benchmarks/scripts/common.sh
SPARK=examples/spark-backfill/bin/videoclass-spark
CLIP_SECONDS=${CLIP_SECONDS:-12}
make_backfill_folder "$WORK/backfill-$VIDEOS" "$VIDEOS"
CLIPS="$WORK/backfill-$VIDEOS"
if ((CLIP_SECONDS != 12)); then
  CLIPS="$WORK/backfill-$VIDEOS-${CLIP_SECONDS}s"
  make_long_backfill_folder "$CLIPS" "$VIDEOS" "$WORK/backfill-$VIDEOS" "$CLIP_SECONDS"
fi
DIR="$CLIPS"
if ((VERSIONS > 1)); then
  DIR="$CLIPS-x$VERSIONS"
  mkdir -p "$DIR"
  cp -n "$CLIPS"/* "$DIR"/
  for f in "$CLIPS"/clip-*.mp4; do
    for ((v = 2; v <= VERSIONS; v++)); do
      [ -s "$DIR/v$v-$(basename "$f")" ] || FF -i "$f" -c copy -metadata title="version $v" -y "$DIR/v$v-$(basename "$f")"
    done
  done
fi
files=$(find "$DIR" -type f | wc -l)
bytes=$(du -sb "$DIR" | cut -f1)

# runs a command with its standard output into $1; prints "wall-s peak-rss-MB cpu-s summary-s"
measure() {
  local out=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M %U %S' -o "$out.time" "$@" > "$out" 2> "$out.err" || { echo "FAILED: $*" >&2; tail -5 "$out.err" >&2; return 1; }
  t1=$(date +%s.%N)
  read -r rss user sys < <(tail -1 "$out.time")
  echo "$(echo "$t1 - $t0" | bc -l) $((rss / 1024)) $(echo "$user + $sys" | bc -l) $(grep -o '"seconds":[0-9.]*' "$out" | cut -d: -f2)"
}
cli() { rm -f "$WORK/cli.jsonl"; measure "$WORK/cli.out" java -jar "$JAR" backfill "$DIR" --out "$WORK/cli.jsonl" --parallel "$PARALLEL"; }
spark() { rm -rf "$WORK/spark-table"; measure "$WORK/spark.out" "$SPARK" --master "local[$PARALLEL]" --input "$DIR" --output "$WORK/spark-table"; }

# untimed, once: the launcher's class-data-sharing archive (written by the first run after a build)
rm -rf "$WORK/spark-warm-up"
"$SPARK" --master "local[$PARALLEL]" --input "$DIR" --output "$WORK/spark-warm-up" > /dev/null 2>&1
: > "$WORK/cli.times"
: > "$WORK/spark.times"
for ((r = 0; r < RUNS; r++)); do
  if ((r % 2 == 0)); then cli >> "$WORK/cli.times"; spark >> "$WORK/spark.times"
  else spark >> "$WORK/spark.times"; cli >> "$WORK/cli.times"; fi
done
# a second run over the same folder, everything already done: start-up and hashing only
cli_again=$(measure "$WORK/cli.out" java -jar "$JAR" backfill "$DIR" --out "$WORK/cli.jsonl" --parallel "$PARALLEL")
spark_again=$(measure "$WORK/spark.out" "$SPARK" --master "local[$PARALLEL]" --input "$DIR" --output "$WORK/spark-table")
contents=$(wc -l < "$WORK/cli.jsonl")
col() { awk -v c="$1" '{print $c}' "$2" | median; }
cw=$(col 1 "$WORK/cli.times"); sw=$(col 1 "$WORK/spark.times")
cc=$(col 3 "$WORK/cli.times"); sc=$(col 3 "$WORK/spark.times")
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(date -u +%F)"
echo "folder: $DIR, $files files ($((bytes / 1024 / 1024)) MB), $contents distinct contents, clips of $( ((CLIP_SECONDS == 12)) && echo "~14 s" || echo "$(((CLIP_SECONDS + 6) / 12)) joined ~14 s clips"); $RUNS interleaved runs, medians"
echo "per run (wall s, peak RSS MB, CPU s, summary s): CLI $(paste -sd'|' "$WORK/cli.times"); Spark $(paste -sd'|' "$WORK/spark.times")"
printf 'CLI backfill --parallel %s: %.2f s wall = %.1f videos/min; CPU %.1f s; own work %.2f s; peak RSS %s MB\n' "$PARALLEL" \
  "$cw" "$(echo "$contents * 60 / $cw" | bc -l)" "$cc" "$(col 4 "$WORK/cli.times")" "$(col 2 "$WORK/cli.times")"
printf 'Spark local[%s]:           %.2f s wall = %.1f videos/min; CPU %.1f s; own work %.2f s; peak RSS %s MB\n' "$PARALLEL" \
  "$sw" "$(echo "$contents * 60 / $sw" | bc -l)" "$sc" "$(col 4 "$WORK/spark.times")" "$(col 2 "$WORK/spark.times")"
echo "second run, all done (wall s, peak RSS MB, CPU s, summary s): CLI $cli_again; Spark $spark_again"
printf 'Spark / CLI: wall clock %.2f, CPU %.2f\n' "$(echo "$sw / $cw" | bc -l)" "$(echo "$sc / $cc" | bc -l)"

# the same rows: one more Spark run, as JSON part files, against the CLI's last lines
rm -rf "$WORK/spark-json"
"$SPARK" --master "local[$PARALLEL]" --input "$DIR" --output "$WORK/spark-json" --format json > /dev/null 2>&1
jq -r '[.content_hash, .verdict.status, (.verdict.is_explicit|tostring), (.verdict.quality_score|tostring)] | join(" ")' \
  "$WORK/cli.jsonl" | sort > "$WORK/cli.rows"
cat "$WORK"/spark-json/part-*.json | jq -r '[.content_hash, .status, (.is_explicit|tostring), (.quality_score|tostring)] | join(" ")' \
  | sort > "$WORK/spark.rows"
if cmp -s "$WORK/cli.rows" "$WORK/spark.rows"; then
  echo "same rows: $(wc -l < "$WORK/spark.rows") (content_hash, status, is_explicit, quality_score) identical"
else
  echo "ROWS DIFFER:"; diff "$WORK/cli.rows" "$WORK/spark.rows" | head
fi
