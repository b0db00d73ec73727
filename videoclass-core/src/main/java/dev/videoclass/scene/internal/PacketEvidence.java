package dev.videoclass.scene.internal;

import dev.videoclass.VideoInfo;
import dev.videoclass.spi.PacketInfo;
import dev.videoclass.spi.PacketInfo.PictureType;

import java.util.Arrays;
import java.util.List;

/**
 * Where a video's packets show a change between two key frames: pictures an encoder coded as it
 * codes a new scene. A cut lies at such a picture or shortly before it (B pictures before it in
 * display order are predicted from it), so AUTO decodes the interval from its opening key frame up
 * to the last evidence ({@link IntervalRules}). Four kinds, the last three only where the source
 * reads picture types ({@link PacketInfo#type()}):
 *
 * <ol>
 *   <li><b>Outsized</b> packets of any type ({@link SuspectPackets}).</li>
 *   <li><b>Intra pictures without the key flag</b>: the encoder's own scene-cut decision inside a
 *       GOP. x264 and x265 code a cut closer than {@code min-keyint} to the last key frame as an I
 *       picture that is not a random access point, and such pictures are rare otherwise (intra
 *       refresh aside).</li>
 *   <li><b>P bumps</b>: a P picture of at least {@value #P_BUMP_FACTOR} x the median of the
 *       {@value #P_BUMP_NEIGHBOURS} nearest P pictures on each side (presentation order), and at least
 *       {@value #P_BUMP_FLOOR_SHARE} of {@link SuspectPackets#floorBytes}: a cut the encoder coded as
 *       a P picture made of intra blocks, whose size a busy old scene hides from the outsized rule.
 *       Comparing P with P keeps the B pictures (a fifth to a third of a P picture) out of the
 *       reference.</li>
 *   <li><b>P collapses</b>: the median of the {@value #COLLAPSE_WINDOW} P pictures from one on is
 *       {@value #COLLAPSE_FACTOR} x or more below that of the {@value #COLLAPSE_WINDOW} before, in one
 *       GOP: a cut into much simpler content (a still shot after a busy one), whose first picture is
 *       cheap. The evidence is the last P picture of such a run of drops, so the cut lies before it,
 *       by up to the window.</li>
 * </ol>
 * P bumps and collapses within the minimum scene length after a key frame are ignored: the first P
 * pictures of a GOP are large (the encoder refines the new I-frame), and a cut there would be within
 * the minimum scene length of the key frame's own.
 *
 * <p>Where its packets show nothing, a cut can still hide between key frames: a cut between two
 * similar busy shots (the cut picture costs what the old scene's P pictures cost). {@link #explains}
 * lets AUTO tell whether a cut it found by decoding was one of those. Immutable.
 */
public final class PacketEvidence {
    /**
     * A P picture is evidence of a cut at this many times the median of its P neighbours. Measured on
     * x264 (veryfast) and x265 (medium) encodes with default settings of 640x360 lavfi scenes with and
     * without sensor noise: P pictures at cuts without a key frame were 2.3-3.8x (x264) and 4-10x
     * (x265, where the cut is visible at all) their neighbours; at 2.0x other P pictures were flagged
     * 4.6 times a minute (zoom and motion bursts), adding about 9 % of the video to what AUTO decodes.
     */
    public static final double P_BUMP_FACTOR = 2.0;
    /**
     * A P bump is at least this share of {@link SuspectPackets#floorBytes} (0.005 bits per pixel: 144
     * bytes at 640x360, 1.3 kB at 1080p). Lower than the outsized rule's floor because P pictures are
     * compared only with P pictures: a cut from a still shot to a recoloured one was an 862-byte P
     * picture among 150-190-byte ones at 854x480 (x265), below the outsized rule's 1 kB.
     */
    public static final double P_BUMP_FLOOR_SHARE = 0.25;
    /** P pictures on each side whose median is a P picture's reference: about 1 s with B-frames. */
    public static final int P_BUMP_NEIGHBOURS = 8;
    /**
     * A collapse is a drop of at least this factor between the medians of the P pictures before and
     * from a point on. Measured on the same encodes: cuts into still or flat content dropped the P
     * pictures 4-60x (a Mandelbrot zoom cut to colour bars: 9.5 kB to 170 bytes); at 3x one drop in
     * 5 minutes of video was not a cut (a zoom slowing down).
     */
    public static final double COLLAPSE_FACTOR = 3.0;
    /** P pictures in each of the two medians of a collapse: five, about 0.5-0.8 s with B-frames. */
    public static final int COLLAPSE_WINDOW = 5;
    /**
     * A cut found by decoding is explained by an outsized packet, an intra picture or a P bump at
     * most this many seconds after it: the B pictures of a mini-GOP precede in display order the P
     * picture that codes the new scene (x265 uses up to 4 B-frames, so up to 0.17 s at 30 fps) and
     * the detector may place a gradual cut a frame or two apart.
     */
    public static final double EXPLAIN_BEFORE_S = 0.3;
    /** Evidence explains a cut at most this many frames before it (the detector's placement). */
    public static final double EXPLAIN_AFTER_FRAMES = 2.5;

    /** Evidence times, sorted, seconds. */
    private final double[] times;
    /** Per evidence, how far before its time a cut it explains may lie, seconds. */
    private final double[] reach;
    private final double longestReach;

    private PacketEvidence(double[] times, double[] reach) {
        this.times = times;
        this.reach = reach;
        this.longestReach = Arrays.stream(reach).max().orElse(0);
    }

    /**
     * The evidence in {@code packets} (see the class comment); none without packets.
     *
     * @param fps               the frame rate, frames per second
     * @param minSceneLenFrames the minimum scene length, frames: no bump or collapse that close
     *                          after a key frame counts
     */
    public static PacketEvidence find(List<PacketInfo> packets, VideoInfo info, double fps, int minSceneLenFrames) {
        DoubleList t = new DoubleList(16);
        DoubleList r = new DoubleList(16);
        for (double s : SuspectPackets.find(packets, info)) {
            t.add(s);
            r.add(EXPLAIN_BEFORE_S);
        }
        for (PacketInfo p : packets) {
            if (p.type() == PictureType.I && !p.key() && !Double.isNaN(p.ptsS())) {
                t.add(p.ptsS());
                r.add(EXPLAIN_BEFORE_S);
            }
        }
        PPictures ps = PPictures.of(packets, IntervalRules.keyTimes(packets, fps), minSceneLenFrames / fps);
        ps.addBumps(SuspectPackets.floorBytes(info) * P_BUMP_FLOOR_SHARE, t, r);
        ps.addCollapses(t, r);
        int[] order = Sorted.order(t);
        return new PacketEvidence(Sorted.permuted(t, order), Sorted.permuted(r, order));
    }

    /** The evidence times, sorted, seconds (a copy). */
    public double[] times() {
        return times.clone();
    }

    /**
     * Whether evidence lies between {@value #EXPLAIN_AFTER_FRAMES} frames before a cut at
     * {@code cutPts} and its reach after it.
     */
    public boolean explains(double cutPts, double fps) {
        for (int i = Sorted.atLeast(times, cutPts - EXPLAIN_AFTER_FRAMES / fps); i < times.length; i++) {
            if (times[i] - reach[i] <= cutPts + Sorted.EPS) {
                return true;
            }
            if (times[i] - longestReach > cutPts + Sorted.EPS) {
                return false; // no later evidence reaches back this far
            }
        }
        return false;
    }

    /** The P pictures of a video in presentation order, with the GOP each belongs to. */
    private record PPictures(double[] pts, double[] size, int[] gop, boolean[] early) {
        static PPictures of(List<PacketInfo> packets, double[] keyTimes, double quietS) {
            DoubleList pts = new DoubleList(packets.size() / 3 + 1);
            DoubleList size = new DoubleList(packets.size() / 3 + 1);
            for (PacketInfo p : packets) {
                if (p.type() == PictureType.P && !p.key() && !Double.isNaN(p.ptsS())) {
                    pts.add(p.ptsS());
                    size.add(p.sizeBytes());
                }
            }
            int[] order = Sorted.order(pts);
            int n = order.length;
            double[] t = new double[n];
            double[] s = new double[n];
            int[] g = new int[n];
            boolean[] early = new boolean[n];
            for (int i = 0; i < n; i++) {
                t[i] = pts.get(order[i]);
                s[i] = size.get(order[i]);
                g[i] = Sorted.upperBound(keyTimes, t[i]);
                early[i] = g[i] > 0 && t[i] - keyTimes[g[i] - 1] < quietS - Sorted.EPS;
            }
            return new PPictures(t, s, g, early);
        }

        /** Adds the P bumps (see {@link #P_BUMP_FACTOR}). */
        void addBumps(double floor, DoubleList t, DoubleList r) {
            int n = pts.length;
            double[] scratch = new double[2 * P_BUMP_NEIGHBOURS];
            for (int j = 0; j < n; j++) {
                if (size[j] < floor || early[j]) {
                    continue;
                }
                int w = 0;
                for (int q = Math.max(0, j - P_BUMP_NEIGHBOURS); q <= Math.min(n - 1, j + P_BUMP_NEIGHBOURS); q++) {
                    if (q != j) {
                        scratch[w++] = size[q];
                    }
                }
                if (w > 0 && size[j] >= P_BUMP_FACTOR * median(scratch, 0, w)) {
                    t.add(pts[j]);
                    r.add(EXPLAIN_BEFORE_S);
                }
            }
        }

        /** Adds the P collapses (see {@link #COLLAPSE_FACTOR}): the last of each run of drops. */
        void addCollapses(DoubleList t, DoubleList r) {
            int w = COLLAPSE_WINDOW;
            int n = pts.length;
            int flagged = -1;
            for (int j = w; j + w <= n; j++) {
                if (isDrop(j)) {
                    flagged = j;
                } else if (flagged == j - 1) {
                    add(flagged, t, r);
                }
            }
            if (flagged >= 0 && flagged == n - w) {
                add(flagged, t, r); // a run of drops that reaches the last window
            }
        }

        /** Whether the P pictures drop at {@code j}: both windows in one GOP, the later far below. */
        private boolean isDrop(int j) {
            int w = COLLAPSE_WINDOW;
            if (early[j] || gop[j - w] != gop[j + w - 1]) {
                return false;
            }
            double[] scratch = new double[w];
            double before = median(copy(j - w, scratch), 0, w);
            return before >= COLLAPSE_FACTOR * median(copy(j, scratch), 0, w) && size[j] * COLLAPSE_FACTOR <= before;
        }

        private void add(int j, DoubleList t, DoubleList r) {
            t.add(pts[j]);
            r.add(pts[j] - pts[j - COLLAPSE_WINDOW] + EXPLAIN_BEFORE_S);
        }

        private double[] copy(int from, double[] scratch) {
            System.arraycopy(size, from, scratch, 0, scratch.length);
            return scratch;
        }
    }

    private static double median(double[] a, int from, int n) {
        Arrays.sort(a, from, from + n);
        return n % 2 == 1 ? a[from + n / 2] : (a[from + n / 2 - 1] + a[from + n / 2]) / 2;
    }
}
