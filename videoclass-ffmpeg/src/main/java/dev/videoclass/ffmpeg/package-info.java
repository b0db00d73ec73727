/**
 * The FFmpeg implementation of {@link dev.videoclass.spi.VideoDecoder}: {@link dev.videoclass.ffmpeg.FfmpegVideoDecoder}
 * opens files, byte arrays and streams behind a protocol and demuxer lock-down and returns
 * {@link dev.videoclass.ffmpeg.FfmpegFrameSource}s for analysis frames, keyframe-only decoding and upright capture.
 */
package dev.videoclass.ffmpeg;
