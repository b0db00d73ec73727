/**
 * The parts of the FFmpeg frame source; not an API, may change in any release. The composing
 * {@link dev.videoclass.ffmpeg.internal.FfmpegFrameSource} wires them; none of them knows it.
 *
 * <ul>
 *   <li>Input, lock-down, probe and limits: core's {@code InputFiles} (uploads
 *       spooled within the size limit), {@code Container} (protocol and demuxer allow-lists, no
 *       external references), {@code ProbedStream} (stream facts, pixels and duration checked),
 *       {@code LimitGuard} (the limits, the deadline and cancellation).</li>
 *   <li>Interruption: {@code InterruptRegistry} (FFmpeg's I/O interrupt callback).</li>
 *   <li>Packets: {@code PacketReader} (read, seek, scan ahead), {@code PacketLog},
 *       {@code KeyframeLookup} (one key frame from its packet alone).</li>
 *   <li>Decoding: {@code StreamDecoder} (all frames), {@code KeyframeDecoder} (key frames only),
 *       {@code AnalysisScaler} and {@code RgbConverter} (frames scaled while decoding),
 *       {@code CodecContexts}, {@code FrameClock}, {@code Pictures}, {@code Seeker}.</li>
 *   <li>Capture: {@code FrameCapture} (upright, display aspect, full quality),
 *       {@code ToneMapping} and {@code HdrToSdr} (HDR to SDR), {@code CaptureOptions}.</li>
 *   <li>Failures: {@code NativeCalls} (the one guard that turns native failures into
 *       {@code VideoException}s).</li>
 * </ul>
 */
package dev.videoclass.ffmpeg.internal;
