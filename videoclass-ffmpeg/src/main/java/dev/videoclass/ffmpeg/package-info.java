/**
 * The FFmpeg implementation of {@link dev.videoclass.spi.VideoDecoder}: {@link dev.videoclass.ffmpeg.FfmpegVideoDecoder}
 * opens files, byte arrays and streams behind a protocol and demuxer lock-down and returns frame
 * sources for analysis frames, keyframe-only decoding and upright capture. The sources and their
 * parts live in {@code dev.videoclass.ffmpeg.internal}, which is not an API.
 */
package dev.videoclass.ffmpeg;
