#!/usr/bin/env bash
# Times `videoclass scenes` (exact and auto) and `videoclass classify` against the decode floor,
# a plain `ffmpeg -i X -f null -` of the same file, in one run, interleaved, and prints medians
# and ratios. Also records peak RSS for a short and a long video (memory flat in length).
#
# usage: benchmarks/scripts/compare-scenes.sh [RUNS]     (after: mvn -B -DskipTests package)
# Test videos are written by the GPL ffmpeg tool that the build unpacks under
# videoclass-ffmpeg/target/ffmpeg-tool (needs Debian's libpulse0).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
# shellcheck source=benchmarks/scripts/common.sh
source benchmarks/scripts/common.sh

SHORT="3.1 4.7 2.3 5.9 3.3 4.7"                       # 24 s, 5 cuts
LONG=$(awk 'BEGIN { srand(7); for (i = 0; i < 40; i++) printf "%.1f ", 9 + 12 * rand() }')   # ~10 min, 39 cuts

echo "writing test videos into $WORK ..." >&2
make_video "$WORK/h264-720p-24s.mp4" 1280x720 "$SHORT" -c:v libx264 -preset veryfast -crf 23
make_video "$WORK/hevc-1080p-24s.mov" 1920x1080 "$SHORT" -c:v libx265 -preset fast -crf 24 -tag:v hvc1 -x265-params log-level=error
make_video "$WORK/h264-720p-10min.mp4" 1280x720 "$LONG" -c:v libx264 -preset ultrafast -crf 28
# like a phone: key frames on a fixed 1 s cadence, no encoder scene cuts; a zoom, a cut, a moving
# pattern, a cut, a busy cellular automaton
if [ ! -s "$WORK/phone-like-1080p-24s.mov" ]; then
  FF -filter_complex "mandelbrot=s=1920x1080:r=30,trim=duration=9.4,setpts=PTS-STARTPTS,format=yuv420p[a];testsrc2=s=1920x1080:r=30,trim=duration=8.3,setpts=PTS-STARTPTS,format=yuv420p,hue=h=90[b];cellauto=s=1920x1080:r=30:rule=30,trim=duration=6.3,setpts=PTS-STARTPTS,format=yuv420p[c];[a][b][c]concat=n=3:v=1:a=0[out]" \
    -map '[out]' -c:v libx265 -preset fast -crf 24 -tag:v hvc1 \
    -x265-params log-level=error:keyint=30:min-keyint=30:scenecut=0:open-gop=0 -y "$WORK/phone-like-1080p-24s.mov"
fi
# ten minutes on a phone's fixed 1 s key-frame cadence: what the demux-first AUTO path is for
make_video "$WORK/phone-like-720p-10min.mp4" 1280x720 "$LONG" -c:v libx264 -preset ultrafast -crf 28 -g 30 -keyint_min 30 -sc_threshold 0


echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | xargs), $(date -u +%F)"
echo "runs per measurement: $RUNS (interleaved); times in seconds, wall clock, JVM start included for videoclass"
for f in h264-720p-24s.mp4 hevc-1080p-24s.mov phone-like-1080p-24s.mov; do
  v="$WORK/$f"
  : > "$WORK/floor" ; : > "$WORK/exact" ; : > "$WORK/auto" ; : > "$WORK/classify"
  for ((r = 0; r < RUNS; r++)); do
    timeit FF -i "$v" -f null - >> "$WORK/floor"
    timeit java -jar "$JAR" scenes "$v" --sampler exact >> "$WORK/exact"
    timeit java -jar "$JAR" scenes "$v" --sampler auto >> "$WORK/auto"
    timeit java -jar "$JAR" classify "$v" >> "$WORK/classify"
  done
  fl=$(median < "$WORK/floor"); ex=$(median < "$WORK/exact"); au=$(median < "$WORK/auto"); cl=$(median < "$WORK/classify")
  printf '%s: floor %.2f | scenes exact %.2f (%.2fx floor) | scenes auto %.2f (exact/auto %.1fx) | classify %.2f\n' \
    "$f" "$fl" "$ex" "$(echo "$ex / $fl" | bc -l)" "$au" "$(echo "$ex / $au" | bc -l)" "$cl"
  java -jar "$JAR" scenes "$v" --sampler exact > "$WORK/exact.json"
  java -jar "$JAR" scenes "$v" --sampler auto > "$WORK/auto.json"
  echo "  cuts exact: $(grep -o '"cuts_s":\[[^]]*\]' "$WORK/exact.json")"
  echo "  cuts auto:  $(grep -o '"cuts_s":\[[^]]*\]' "$WORK/auto.json")  sampler $(grep -o '"sampler":"[^"]*"' "$WORK/auto.json")"
done

# the long fixed-cadence file: AUTO (demux pass, then only the I-frames its rules need) against a
# pass over every I-frame (what AUTO decoded before it read the cadence from the packets)
v="$WORK/phone-like-720p-10min.mp4"
: > "$WORK/keys" ; : > "$WORK/auto" ; : > "$WORK/classify"
for ((r = 0; r < RUNS; r++)); do
  timeit java -jar "$JAR" scenes "$v" --sampler keyframes >> "$WORK/keys"
  timeit java -jar "$JAR" scenes "$v" --sampler auto >> "$WORK/auto"
  timeit java -jar "$JAR" classify "$v" >> "$WORK/classify"
done
ke=$(median < "$WORK/keys"); au=$(median < "$WORK/auto"); cl=$(median < "$WORK/classify")
java -jar "$JAR" scenes "$v" --sampler auto > "$WORK/auto.json"
printf 'phone-like-720p-10min.mp4: scenes keyframes %.2f | scenes auto %.2f (%s, %s frames) | classify %.2f\n' \
  "$ke" "$au" "$(grep -o '"sampler":"[^"]*"' "$WORK/auto.json" | cut -d'"' -f4)" \
  "$(grep -o '"frames_analysed":[0-9]*' "$WORK/auto.json" | cut -d: -f2)" "$cl"

if [ -x /usr/bin/time ]; then
  for f in h264-720p-24s.mp4 h264-720p-10min.mp4; do
    rss=$( { /usr/bin/time -f '%M' java -jar "$JAR" scenes "$WORK/$f" --sampler exact >/dev/null; } 2>&1 | tail -1)
    echo "peak RSS scenes --sampler exact $f: $((rss / 1024)) MB"
  done
else
  echo "(install Debian's 'time' package for the peak-memory lines)"
fi
