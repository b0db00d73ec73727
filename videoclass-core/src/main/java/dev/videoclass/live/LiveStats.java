package dev.videoclass.live;

/**
 * A monitor's counters since it started: a snapshot, immutable.
 *
 * @param framesDecoded frames decoded from the stream
 * @param framesSampled frames sampled for scoring (cadence and scene changes)
 * @param framesScored  sampled frames judged
 * @param framesDropped sampled frames dropped because scoring fell behind
 * @param windows       window events delivered
 * @param reconnects    connections opened after the first
 * @param queued        sampled frames waiting for scoring now
 * @param connected     whether a connection is open now
 */
public record LiveStats(long framesDecoded, long framesSampled, long framesScored, long framesDropped, long windows,
                        long reconnects, int queued, boolean connected) {
}
