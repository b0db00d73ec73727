#!/usr/bin/env bash
# AUTO against the exact pass, in cuts (F1) and in time, in one run: the encodes made like real
# footage that AutoAgainstExactTest (videoclass-ffmpeg) writes, plus the short files of
# compare-scenes.sh. Prints one Markdown table row per file (dev.videoclass.benchmarks.AutoAccuracy).
#
# usage: benchmarks/scripts/auto-accuracy.sh [RUNS]     (after: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
# shellcheck source=benchmarks/scripts/common.sh
source benchmarks/scripts/common.sh

shot() { # name fps: a 640x360 lavfi shot, as in AutoAgainstExactTest.SHOTS
  local r=$2
  case $1 in
    tsrc) echo "testsrc2=s=640x360:r=$r" ;;
    tsrcH) echo "testsrc2=s=640x360:r=$r,hue=h=120:s=1.3" ;;
    tsrcZ) echo "testsrc2=s=1280x720:r=$r,crop=640:360:320:120" ;;
    mandel) echo "mandelbrot=s=640x360:r=$r" ;;
    mandelH) echo "mandelbrot=s=640x360:r=$r:start_x=-0.743643887037158:start_y=0.131825904205311,hue=h=150" ;;
    still) echo "mandelbrot=s=1920x360:r=$r:start_scale=2.5:end_scale=2.5:end_pts=1,crop=640:360:x='min(t*40\,1280)':y=0" ;;
    stillH) echo "mandelbrot=s=1920x360:r=$r:start_scale=2.5:end_scale=2.5:end_pts=1,crop=640:360:x='min(200+t*30\,1280)':y=0,hue=h=90" ;;
    cell) echo "cellauto=s=640x360:r=$r:rule=110:seed=11" ;;
    life) echo "life=s=640x360:r=$r:mold=10:ratio=0.1:seed=5:death_color=#C83232:life_color=#00ff00" ;;
    grad) echo "gradients=s=640x360:r=$r:speed=0.01:n=4:seed=3:c0=0x2060c0:c1=0xc04020:c2=0x20a040:c3=0xe0d040,drawgrid=w=32:h=32:t=2:c=white@0.35" ;;
    gradB) echo "gradients=s=640x360:r=$r:speed=0.01:n=4:seed=7:c0=0x6030a0:c1=0x30a0b0:c2=0xd08030:c3=0x404040,drawgrid=w=40:h=40:t=2:c=black@0.4" ;;
    pan) echo "testsrc2=s=1920x360:r=$r,crop=640:360:x='min(t*60\,1280)':y=0" ;;
  esac
}
real_like() { # out fps noise "shot:seconds ..." codec-args...
  local out=$1 fps=$2 noise=$3 shots=$4; shift 4
  [ -s "$out" ] && return
  local graph="" inputs="" i=0 sd nz=""
  [ "$noise" != 0 ] && nz=",noise=alls=$noise:allf=t"
  for sd in $shots; do
    graph+="$(shot "${sd%%:*}" "$fps"),trim=duration=${sd#*:},setpts=PTS-STARTPTS,format=yuv420p$nz[v$i];"
    inputs+="[v$i]"; i=$((i + 1))
  done
  FF -nostdin -filter_complex "${graph}${inputs}concat=n=$i:v=1:a=0[out]" -map '[out]' "$@" -y "$out"
}
A="mandel:3.2 mandelH:2.7 tsrc:0.7 tsrcH:3.1 tsrcZ:1.2 cell:4.4 still:0.9 stillH:3.3 life:2.6 grad:1.1 gradB:3.0 pan:2.5"
B="pan:4.1 still:1.3 life:0.8 grad:5.2 gradB:0.6 mandel:2.9 tsrcZ:3.4 tsrc:1.4 cell:2.2 stillH:1.0 mandelH:4.0"
D="grad:6.1 tsrcH:1.1 cell:3.9 life:1.6 mandelH:7.2 mandel:1.3 pan:2.2 still:3.5 tsrc:1.0"
# two minutes of shots as long as an edited film's (AutoAgainstExactTest.SHOTS_EDIT)
E="mandel:4.2 pan:6.7 stillH:2.3 life:4.7 tsrcZ:3.8 tsrc:6.3 still:8.8 tsrcH:4.3 grad:6.8 gradB:5.8 cell:4.8 mandelH:7.3 mandel:2.8 pan:5.3 stillH:7.9 life:3.4 tsrcZ:2.4 tsrc:8.4 still:7.4 tsrcH:2.9 grad:5.4 gradB:7.9 cell:6.9 mandelH:2.4"
# encoder threads pinned as in AutoAgainstExactTest, so the files are the test's bytes on any machine
X265_THREADS=pools=4:frame-threads=2:lookahead-slices=0
X264=(-c:v libx264 -preset veryfast -crf 23 -threads 4)
X265=(-c:v libx265 -tag:v hvc1 -x265-params log-level=error:$X265_THREADS)

echo "writing test videos into $WORK ..." >&2
real_like "$WORK/x264-defaults-clean-d.mp4" 25 0 "$D" "${X264[@]}"
real_like "$WORK/x264-defaults-noise-b.mp4" 30 6 "$B" "${X264[@]}"
real_like "$WORK/x264-defaults-clean-a.mp4" 25 0 "$A" "${X264[@]}"
real_like "$WORK/x265-defaults-clean-d.mov" 25 0 "$D" "${X265[@]}"
real_like "$WORK/x265-defaults-noise-a.mov" 25 6 "$A" "${X265[@]}"
real_like "$WORK/edit-x264-defaults-clean.mp4" 25 0 "$E" "${X264[@]}"
real_like "$WORK/edit-x264-defaults-noise.mp4" 25 6 "$E" "${X264[@]}"
real_like "$WORK/edit-x265-defaults-clean.mov" 25 0 "$E" "${X265[@]}"
real_like "$WORK/edit-x265-defaults-noise.mov" 25 6 "$E" "${X265[@]}"
real_like "$WORK/x265-defaults-clean-a.mov" 25 0 "$A" "${X265[@]}"
real_like "$WORK/phone-1s-cadence-noise-b.mov" 30 6 "$B" -c:v libx265 -tag:v hvc1 \
  -x265-params log-level=error:keyint=30:min-keyint=30:scenecut=0:$X265_THREADS
real_like "$WORK/gop-10s-no-scenecut-noise-a.mp4" 25 6 "$A" "${X264[@]}" -g 250 -keyint_min 250 -sc_threshold 0
SHORT="3.1 4.7 2.3 5.9 3.3 4.7"
make_video "$WORK/h264-720p-24s.mp4" 1280x720 "$SHORT" -c:v libx264 -preset veryfast -crf 23
make_video "$WORK/hevc-1080p-24s.mov" 1920x1080 "$SHORT" -c:v libx265 -preset fast -crf 24 -tag:v hvc1 -x265-params log-level=error
[ -s "$WORK/phone-like-1080p-24s.mov" ] || { echo "phone-like-1080p-24s.mov: run compare-scenes.sh first" >&2; exit 1; }

echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | xargs), $(date -u '+%F %H:%M') UTC"
echo "rounds per file: $RUNS (exact and auto alternating), medians, warm JVM"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp benchmarks/target/benchmarks.jar dev.videoclass.benchmarks.AutoAccuracy "$RUNS" \
  "$WORK"/x264-defaults-*.mp4 "$WORK"/x265-defaults-*.mov "$WORK"/edit-*.mp4 "$WORK"/edit-*.mov "$WORK"/phone-1s-cadence-noise-b.mov \
  "$WORK"/gop-10s-no-scenecut-noise-a.mp4 "$WORK"/h264-720p-24s.mp4 "$WORK"/hevc-1080p-24s.mov "$WORK"/phone-like-1080p-24s.mov
