#!/usr/bin/env bash
# A broken video path: converts with the other colour matrix than the one the video is tagged with,
# then runs the real ffmpeg (the test tool unpacked by the plugin module's build: REAL_FFMPEG_DIR).
set -euo pipefail
args=()
for a in "$@"; do
  case "$a" in
    *out_color_matrix=bt709*) a="${a//out_color_matrix=bt709/out_color_matrix=bt601}" ;;
    *out_color_matrix=bt601*) a="${a//out_color_matrix=bt601/out_color_matrix=bt709}" ;;
  esac
  args+=("$a")
done
links="$(mktemp -d)"
trap 'rm -rf "$links"' EXIT
for lib in libva libva-drm; do
  [ -e "$REAL_FFMPEG_DIR/$lib.so.2" ] || ln -s "$REAL_FFMPEG_DIR/$lib.so" "$links/$lib.so.2"
done
LD_LIBRARY_PATH="$REAL_FFMPEG_DIR:$links" "$REAL_FFMPEG_DIR/ffmpeg" "${args[@]}"
