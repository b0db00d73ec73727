/**
 * The parts of the FFmpeg frame source; not an API, may change in any release. The composing
 * {@link dev.videoclass.ffmpeg.internal.FfmpegFrameSource} wires them.
 */
package dev.videoclass.ffmpeg.internal;
