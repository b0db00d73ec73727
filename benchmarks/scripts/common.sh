#!/usr/bin/env bash
# Shared by the comparison scripts: the GPL ffmpeg tool the build unpacks (needs Debian's
# libpulse0), the CLI jar, a work folder, test-video writers and timing helpers. Source it from the
# repository root.
TOOL=$(ls -d videoclass-ffmpeg/target/ffmpeg-tool/org/bytedeco/ffmpeg/linux-x86_64-gpl)
[ -e "$TOOL/libva.so.2" ] || ln -sf libva.so "$TOOL/libva.so.2"
[ -e "$TOOL/libva-drm.so.2" ] || ln -sf libva-drm.so "$TOOL/libva-drm.so.2"
chmod +x "$TOOL/ffmpeg"
FF() { LD_LIBRARY_PATH="$TOOL" "$TOOL/ffmpeg" -hide_banner -loglevel error "$@"; }
JAR=examples/target/videoclass.jar
WORK=${BENCH_WORK:-/tmp/videoclass-bench}
mkdir -p "$WORK"

# Scenes of distinct looks, each with motion, joined by hard cuts at irregular times (as real
# edits are; a fixed cut cadence would look like a fixed key-frame cadence to auto mode).
# $1 = size, remaining = scene lengths in seconds
scenes_filter() {
  local size=$1; shift
  local parts="" inputs="" i=0 secs
  local srcs=("testsrc2=s=$size:r=30" "mandelbrot=s=$size:r=30" "smptehdbars=s=$size:r=30" "rgbtestsrc=s=$size:r=30" "cellauto=s=$size:r=30:rule=110" "life=s=$size:r=30:mold=10:ratio=0.1:death_color=#C83232:life_color=#00ff00")
  for secs in "$@"; do
    parts+="${srcs[$((i % ${#srcs[@]}))]},trim=duration=$secs,setpts=PTS-STARTPTS,format=yuv420p,hue=h=$((i * 47 % 360))[v$i];"
    inputs+="[v$i]"
    i=$((i + 1))
  done
  echo "${parts}${inputs}concat=n=$i:v=1:a=0[out]"
}

make_video() { # out size "scene lengths" codec-args...
  local out=$1 size=$2 lengths=$3; shift 3
  [ -s "$out" ] && return
  # shellcheck disable=SC2086
  FF -filter_complex "$(scenes_filter "$size" $lengths)" -map '[out]' "$@" -y "$out"
}

# A folder of phone-sized clips for the backfill benchmarks: N clips of ~12 s, 1280x720 H.264
# (veryfast, crf 23) with 3 cuts each, and every fourth one uploaded twice under another name.
# $1 = folder, $2 = N
make_backfill_folder() {
  local dir=$1 n=$2 i lengths
  mkdir -p "$dir"
  echo "writing $n clips (12 s, 720p H.264, 3 cuts) into $dir ..." >&2
  for i in $(seq 1 "$n"); do
    lengths=$(awk -v s="$i" 'BEGIN { srand(s); printf "%.1f %.1f %.1f %.1f", 2 + 3 * rand(), 2 + 3 * rand(), 2 + 3 * rand(), 2 + 3 * rand() }')
    make_video "$dir/clip-$i.mp4" 1280x720 "$lengths" -c:v libx264 -preset veryfast -crf 23
  done
  for i in $(seq 4 4 "$n"); do cp -n "$dir/clip-$i.mp4" "$dir/again-$i.mp4"; done
}

# The same folder with longer clips: clip i of $1 joins the "12 s" clips i, i+1, ..., i+K-1
# (mod N) of $3 (a make_backfill_folder folder of N clips; 4 scenes of 2-5 s, so 14 s on average),
# K = round($4 / 12), stream-copied with the concat demuxer: 1280x720 H.264 of the same encoder
# settings, 3 cuts per joined clip plus one at each join, no new encoding (seconds, not the
# minutes the lavfi sources take), so each second of video is as hard to decode as in the short
# clips. Every fourth clip is again uploaded twice. Deterministic: the same clips give the same
# files. With K > N a joined clip holds the same short clip twice. $1 = folder, $2 = N, $3 = folder
# of the 12 s clips, $4 = seconds (60: 5 clips, ~69 s)
make_long_backfill_folder() {
  local dir=$1 n=$2 short secs=$4 i j k list=""
  short=$(cd "$3" && pwd) # the concat list names files relative to itself
  k=$(((secs + 6) / 12))
  ((k >= 1)) || k=1
  mkdir -p "$dir"
  echo "joining $n clips of $k x the \"12 s\" clips (~14 s each; 720p H.264, stream copy) into $dir ..." >&2
  for i in $(seq 1 "$n"); do
    [ -s "$dir/clip-$i.mp4" ] && continue
    list="$dir.concat.txt"
    : > "$list"
    for ((j = 0; j < k; j++)); do
      echo "file '$short/clip-$(((i - 1 + j) % n + 1)).mp4'" >> "$list"
    done
    # written under another name and moved into place, so a failed join leaves no clip behind
    FF -f concat -safe 0 -i "$list" -c copy -f mp4 -y "$dir/clip-$i.mp4.part"
    mv -f "$dir/clip-$i.mp4.part" "$dir/clip-$i.mp4"
  done
  rm -f "$list"
  for i in $(seq 4 4 "$n"); do cp -n "$dir/clip-$i.mp4" "$dir/again-$i.mp4"; done
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timeit() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; return 1; }; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
