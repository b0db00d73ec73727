/**
 * Live streams: {@link dev.videoclass.live.LiveMonitor} watches an RTSP, HLS or SRT stream and judges
 * it window by window with a classifier's scorer, rubric and aggregator; {@link
 * dev.videoclass.live.LiveListener} hears its window verdicts, verdict changes, gaps and errors;
 * {@link dev.videoclass.live.StreamPolicy} says where a stream may lead (its own scheme, host and
 * port, and an allow-list); {@link dev.videoclass.live.LiveDecoder} and {@link
 * dev.videoclass.live.LiveSource} are the plug-in point a decoding library implements
 * ({@code FfmpegLiveDecoder} in videoclass-ffmpeg).
 */
package dev.videoclass.live;
