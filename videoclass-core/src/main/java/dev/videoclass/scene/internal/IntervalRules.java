package dev.videoclass.scene.internal;

import dev.videoclass.spi.PacketInfo;
import dev.videoclass.VideoInfo;

import java.util.Arrays;
import java.util.List;

/**
 * AUTO's rules on I-frame intervals — interval {@code i} runs from I-frame {@code i - 1} to I-frame
 * {@code i}, interval {@code count} from the last I-frame to the end — deciding which intervals
 * {@link AutoPlanner} decodes: the cadence of the I-frames, suspect packets per interval
 * ({@link SuspectPackets}), changed intervals, the key-size jump, still intervals and coverage. The
 * measurements behind each constant are in its comment. Stateless.
 *
 * <p>A plan is an array {@code until} over the intervals: NaN where the interval is not decoded,
 * else the time up to which it is decoded; at or past the closing I-frame, up to its last packet
 * evidence and on while its frames differ from the closing I-frame ({@link Refinement}). The
 * coverage bound counts such an interval in full.
 */
public final class IntervalRules {
    /** Longest fixed I-frame cadence that AUTO refines instead of running the exact pass, seconds. */
    public static final double REFINE_MAX_CADENCE_S = 2.0;
    /** Share of I-frame gaps that must match the dominant gap for a fixed cadence. */
    public static final double CADENCE_SHARE = 0.75;
    /**
     * AUTO demuxes this many seconds ahead first and reads the rest of the file without decoding
     * only when their key packets look like a fixed cadence of at most {@link #REFINE_MAX_CADENCE_S}.
     */
    public static final double CADENCE_PREFIX_S = 10.0;
    /**
     * On a fixed cadence, an I-frame interval may hold a cut when its score (the content value of
     * its closing I-frame against its opening one) is at least this times the detector's
     * {@code minCutScore()}.
     */
    public static final double REFINE_CANDIDATE_FACTOR = 0.5;
    /**
     * On a fixed cadence with packet data, a changed I-frame interval is also decoded when the larger
     * of its two key packets is at least this many times the smaller one. A cut into simpler content
     * after complex, moving content is coded as a picture smaller than the old scene's predicted
     * pictures, so no packet stands out, but the next key picture is much cheaper: 2.5x measured for
     * a zoom into the Mandelbrot set cut to a test pattern (x265, 640x360), while consecutive key
     * pictures of the zoom itself differed by at most 1.28x and those of busy noise by 1.01x.
     */
    public static final double KEY_SIZE_JUMP = 1.5;
    /**
     * On a fixed cadence with packet data, an I-frame interval whose predicted packets average at most
     * {@link #STILL_BYTES} plus this many bytes per pixel (and at most {@link #STILL_INTERVAL_SHARE}
     * of its smaller key packet) held still content: whatever differs between its two I-frames changed
     * at the closing I-frame, so a score of at least the detector's {@code minCutScore()} there is a
     * cut at that key frame. Slideshows and edits of rendered still shots cut exactly on the cadence.
     * A still predicted picture is skip blocks: headers plus a little per block. Measured (x265 fast /
     * x264 veryfast, means of 88 predicted pictures): 31 / 13 bytes at 320x240, 287 / 68 at
     * 1920x1080, 992 / 236 at 3840x2160. Moving content costs more even when perfectly predicted: a
     * scrolling cellular automaton, where each predicted picture codes only the new row, took 651
     * bytes at 640x360 and 1691 at 1920x1080 (x265) and must not count as still. The bound (64 +
     * 0.0003 x pixels: 87, 686 and 2552 bytes at those sizes) sits about midway, on a log scale,
     * between the two.
     */
    public static final double STILL_BYTES_PER_PIXEL = 0.0003;
    /** See {@link #STILL_BYTES_PER_PIXEL}: the fixed part of the bound, in bytes (headers). */
    public static final double STILL_BYTES = 64;
    /** See {@link #STILL_BYTES_PER_PIXEL}: the predicted packets' mean against the smaller key packet. */
    public static final double STILL_INTERVAL_SHARE = 0.05;
    /**
     * On a fixed cadence, AUTO runs the exact pass instead of refining when the intervals to decode
     * hold more than this share of the packets. A refined run costs more per frame than the
     * sequential pass (a seek and decoder flush per run, the opening I-frame decoded a second time,
     * and the keyframe pass already spent): 6.3 ms against 4.9 ms per 1080p frame measured, so
     * refining stops paying off well before it covers the stream; and wide coverage means content
     * where the packet signals are weak, while on a fixed cadence the intervals left undecoded are
     * taken to hold no cut, with no silent-cut test behind them: one pass with exact semantics is
     * the safer answer.
     */
    public static final double REFINE_MAX_COVERAGE = 0.4;
    /**
     * {@link #REFINE_MAX_COVERAGE} where the I-frames are irregular (an encoder placed them at the
     * cuts it saw). There a silent cut found while refining sends AUTO to the exact pass anyway, so
     * a wide plan risks time, not cuts. On a 360p x264 encode whose packets explained every cut,
     * refining 52 % of the frames took 0.56-0.62 of the exact pass's time (it took 0.95 as the exact
     * pass under the 0.4 bound). Refining would pay off up to about 0.8, but a refinement that meets
     * a silent cut is thrown away (up to that cut), so the bound stays well below that.
     */
    public static final double REFINE_MAX_COVERAGE_IRREGULAR = 0.6;
    /**
     * The longest GOP, in frames, that x264 and x265 write by default ({@code keyint=250}): their
     * I-frame after that many frames is placed by the count, not at a cut. See {@link #markForced}.
     */
    public static final int ENCODER_DEFAULT_KEYINT = 250;

    private static final double EPS = Sorted.EPS;

    private IntervalRules() {
    }

    /**
     * Dominant I-frame gap and whether it recurs: <em>regular</em> (a fixed cadence) when at least
     * {@link #CADENCE_SHARE} of the gaps are within a tolerance (1.5 frame durations or 2 %) of the
     * dominant gap. Encoders that put I-frames at scene cuts (x264/x265 defaults) give irregular gaps;
     * phones and streaming encoders a fixed cadence.
     *
     * @param interval the dominant gap, seconds
     */
    public record Cadence(boolean regular, double interval) {
        /** A fixed cadence of at most {@link #REFINE_MAX_CADENCE_S}: dense enough to refine. */
        boolean isShort() {
            return regular && interval <= REFINE_MAX_CADENCE_S + EPS;
        }
    }

    /** The cadence of a list of gaps between I-frames, seconds. */
    public static Cadence cadence(double[] gaps, double fps) {
        if (gaps.length == 0) {
            return new Cadence(true, Double.POSITIVE_INFINITY);
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double tol = Math.max(1.5 / fps, 0.02 * median);
        int bestCount = 0;
        int bestLo = 0;
        int hi = 0;
        for (int lo = 0; lo < sorted.length; lo++) {
            hi = Math.max(hi, lo);
            while (hi + 1 < sorted.length && sorted[hi + 1] - sorted[lo] <= 2 * tol + EPS) {
                hi++;
            }
            if (hi - lo + 1 > bestCount) {
                bestCount = hi - lo + 1;
                bestLo = lo;
            }
        }
        double dominant = sorted[bestLo + (bestCount - 1) / 2];
        return new Cadence(bestCount >= CADENCE_SHARE * sorted.length, dominant);
    }

    /** The cadence of the first {@code n} (at least 2) of the sorted I-frame times {@code pts}. */
    static Cadence cadenceOf(double[] pts, int n, double fps) {
        double[] gaps = new double[n - 1];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = pts[i] - pts[i - 1];
        }
        return cadence(gaps, fps);
    }

    /** {@link #cadenceOf(double[], int, double)} of every I-frame of {@code k}. */
    static Cadence cadenceOf(KeyFrames k, double fps) {
        double[] pts = new double[k.count()];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = k.pts(i);
        }
        return cadenceOf(pts, pts.length, fps);
    }

    /**
     * Whether the key packets presented in the first {@value #CADENCE_PREFIX_S} s (at least three)
     * are spaced on a short cadence ({@link Cadence#isShort()}).
     */
    static boolean looksLikeShortCadence(List<PacketInfo> packets, double fps) {
        double[] keys = keyTimes(packets, fps);
        int n = Sorted.upperBound(keys, CADENCE_PREFIX_S + EPS);
        return n >= 3 && cadenceOf(keys, n, fps).isShort();
    }

    /**
     * Timestamps of the key packets shown from the stream's start, sorted, one per key picture
     * (within half a frame). A key packet before the stream's start was cut by an edit list: never
     * shown, and decoders drop it, as the keyframe pass does.
     */
    static double[] keyTimes(List<PacketInfo> packets, double fps) {
        DoubleList pts = new DoubleList(64);
        for (PacketInfo p : packets) {
            if (p.key() && !Double.isNaN(p.ptsS()) && p.ptsS() >= -EPS) {
                pts.add(p.ptsS());
            }
        }
        DoubleList out = new DoubleList(pts.size());
        for (double p : Sorted.sorted(pts)) {
            if (out.size() == 0 || p - out.last() > 0.5 / fps) {
                out.add(p);
            }
        }
        return out.toArray();
    }

    /** Whether two key packet sizes differ by {@link #KEY_SIZE_JUMP} or more (true when one is unknown). */
    public static boolean sizeJump(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return true;
        }
        return Math.max(a, b) >= KEY_SIZE_JUMP * Math.min(a, b);
    }

    /** Size of the key packet at each I-frame's time (within half a frame), NaN where none is listed. */
    static double[] keySizes(KeyFrames k, List<PacketInfo> packets, double fps) {
        DoubleList pts = new DoubleList(64);
        DoubleList size = new DoubleList(64);
        for (PacketInfo p : packets) {
            if (p.key() && !Double.isNaN(p.ptsS())) {
                pts.add(p.ptsS());
                size.add(p.sizeBytes());
            }
        }
        int[] order = Sorted.order(pts);
        double[] sp = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            sp[i] = pts.get(order[i]);
        }
        double[] out = new double[k.count()];
        for (int i = 0; i < k.count(); i++) {
            int at = Sorted.upperBound(sp, k.pts(i) + 0.5 / fps);
            out[i] = at > 0 && Math.abs(sp[at - 1] - k.pts(i)) <= 0.5 / fps
                    ? size.get(order[at - 1]) : Double.NaN;
        }
        return out;
    }

    /**
     * Per interval: whether its predicted packets show still content ({@link #STILL_BYTES_PER_PIXEL}).
     * Index 0, the interval after the last I-frame and intervals without predicted packets, key sizes
     * or a known frame size are false.
     */
    static boolean[] stillIntervals(KeyFrames k, List<PacketInfo> packets, double[] keySize, VideoInfo info) {
        int n = k.count();
        boolean[] still = new boolean[n + 1];
        double pixels = info == null ? 0 : (double) info.width() * info.height();
        if (pixels <= 0) {
            return still;
        }
        double[] sum = new double[n + 1];
        int[] count = new int[n + 1];
        for (PacketInfo p : packets) {
            if (p.key() || Double.isNaN(p.ptsS())) {
                continue;
            }
            int at = k.upTo(p.ptsS()); // I-frames at or before the packet
            if (at >= 1 && at < n) {
                sum[at] += p.sizeBytes();
                count[at]++;
            }
        }
        for (int i = 1; i < n; i++) {
            still[i] = count[i] > 0 && isStill(sum[i] / count[i], Math.min(keySize[i - 1], keySize[i]), pixels);
        }
        return still;
    }

    /** Whether predicted pictures averaging {@code meanBytes} show still content ({@link #STILL_BYTES_PER_PIXEL}). */
    public static boolean isStill(double meanBytes, double smallerKeyBytes, double pixels) {
        return !Double.isNaN(smallerKeyBytes) && meanBytes <= STILL_INTERVAL_SHARE * smallerKeyBytes
                && meanBytes <= STILL_BYTES + STILL_BYTES_PER_PIXEL * pixels;
    }

    /**
     * The plan that decodes each interval holding a suspect packet up to its last suspect (the cut is
     * at or before the suspect's frame); NaN elsewhere. Suspects before the first I-frame or on an
     * I-frame's own time are ignored.
     */
    static double[] suspectIntervals(KeyFrames k, double[] suspects) {
        double[] until = new double[k.count() + 1];
        Arrays.fill(until, Double.NaN);
        for (double s : suspects) {
            int i = k.upTo(s);
            if (i == 0 || s - k.pts(i - 1) <= EPS) {
                continue;
            }
            until[i] = Double.isNaN(until[i]) ? s : Math.max(until[i], s);
        }
        return until;
    }

    /**
     * Marks for complete decoding each interval whose score is at least
     * {@link #REFINE_CANDIDATE_FACTOR} x {@code minCutScore} and, with {@code keySize}, whose key
     * sizes jump ({@link #sizeJump}). Intervals whose score is unknown are left as they are.
     */
    static void markChanged(KeyFrames k, double[] until, double minCutScore, double[] keySize) {
        double candidate = REFINE_CANDIDATE_FACTOR * minCutScore;
        for (int i = 1; i < k.count(); i++) {
            if (k.score(i) >= candidate && (keySize == null || sizeJump(keySize[i - 1], keySize[i]))) {
                until[i] = k.pts(i);
            }
        }
    }

    /**
     * Marks for complete decoding each interval whose closing I-frame an encoder placed by its
     * maximum GOP length, not at a cut, while the two I-frames differ (score at least
     * {@link #REFINE_CANDIDATE_FACTOR} x {@code minCutScore}): whatever changed, changed inside the
     * interval, and a key-frame cut at its closing I-frame would be late by up to the whole interval.
     * Such an interval is at least {@link #ENCODER_DEFAULT_KEYINT} frames long less one, or as long
     * (within a frame) as the longest interval when at least two intervals share that length (a
     * maximum set with {@code -g}). Returns how many intervals it marked.
     */
    static int markForced(KeyFrames k, double[] until, double fps, double minCutScore) {
        int n = k.count();
        long[] frames = new long[n];
        long longest = 0;
        for (int i = 1; i < n; i++) {
            frames[i] = Math.round((k.pts(i) - k.pts(i - 1)) * fps);
            longest = Math.max(longest, frames[i]);
        }
        int atLongest = 0;
        for (int i = 1; i < n; i++) {
            atLongest += frames[i] >= longest - 1 ? 1 : 0;
        }
        int marked = 0;
        for (int i = 1; i < n; i++) {
            boolean forced = frames[i] >= ENCODER_DEFAULT_KEYINT - 1 || atLongest >= 2 && frames[i] >= longest - 1;
            if (forced && k.score(i) >= REFINE_CANDIDATE_FACTOR * minCutScore) {
                until[i] = k.pts(i);
                marked++;
            }
        }
        return marked;
    }

    /**
     * Marks for complete decoding each interval whose two I-frames differ (score at least
     * {@link #REFINE_CANDIDATE_FACTOR} x {@code minCutScore}) but not by a cut, where an encoder placed
     * the closing I-frame at a cut it saw: the change is not at that I-frame, so it lies inside the
     * interval (a scene between two similar shots, such as a shot, another, and a zoom into the
     * first). Intervals whose score is unknown are left as they are.
     */
    static void markChangedWithoutCut(KeyFrames k, double[] until, double minCutScore) {
        for (int i = 1; i < k.count(); i++) {
            double score = k.score(i);
            if (score >= REFINE_CANDIDATE_FACTOR * minCutScore && score < minCutScore) {
                until[i] = k.pts(i);
            }
        }
    }

    /** Whether a plan holds anything to decode. */
    static boolean any(double[] until) {
        for (double u : until) {
            if (!Double.isNaN(u)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Share of the packets (those with a timestamp) that a plan would decode: from each marked
     * interval's opening I-frame to where its decoding stops (at most the closing I-frame). 0
     * without packets.
     */
    static double coverage(KeyFrames k, double[] until, List<PacketInfo> packets) {
        DoubleList pts = new DoubleList(packets.size());
        for (PacketInfo p : packets) {
            if (!Double.isNaN(p.ptsS())) {
                pts.add(p.ptsS());
            }
        }
        if (pts.size() == 0) {
            return 0;
        }
        double[] sorted = Sorted.sorted(pts);
        long covered = 0;
        int n = k.count();
        for (int i = 1; i <= n; i++) {
            if (Double.isNaN(until[i])) {
                continue;
            }
            double end = i < n ? Math.min(until[i], k.pts(i)) : until[i];
            covered += Sorted.upperBound(sorted, end) - Sorted.upperBound(sorted, k.pts(i - 1) - 2 * EPS);
        }
        return (double) covered / sorted.length;
    }
}
