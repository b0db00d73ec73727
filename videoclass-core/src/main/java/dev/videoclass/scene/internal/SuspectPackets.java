package dev.videoclass.scene.internal;

import dev.videoclass.spi.PacketInfo;
import dev.videoclass.VideoInfo;

import java.util.Arrays;
import java.util.List;

/**
 * Finds <em>suspect</em> packets: non-key packets so much larger than the predicted pictures around
 * them, and so close to the size of a key picture, that they are almost certainly a scene cut the
 * encoder coded without the key flag — an x265 non-key I picture, an x264 P picture made of intra
 * blocks, or with B-frames the first forward reference after a cut. AUTO decodes only the stretches
 * that hold one.
 *
 * <p>A non-key packet is suspect when all three hold: it is at least {@value #SUSPECT_FACTOR} x the
 * {@value #SUSPECT_QUANTILE} quantile of the non-key packets within {@value #SUSPECT_WINDOW} packets
 * either side in decode order (the larger predicted pictures, not the B-frames a median would
 * pick); at least {@value #SUSPECT_KEY_SHARE} of the smaller of the key packets before and after it
 * (an intra picture costs about an I-frame of its scene); and at least
 * {@value #SUSPECT_MIN_BITS_PER_PIXEL} bits per coded pixel (tiny packets of static content never
 * count). Stateless; the measurements behind each constant are in its comment.
 */
public final class SuspectPackets {
    /**
     * A non-key packet is <em>suspect</em> (an intra-coded cut the encoder did not flag as key) only
     * when it is at least this many times {@link #SUSPECT_QUANTILE} of the non-key packets around it.
     * Against the 90th percentile (the larger predicted pictures: P-frames when B-frames are used), an
     * intra-coded cut picture measured 3.6-28x on x264/x265 test videos, while regular pictures,
     * including the large first P-frame after an I-frame, stayed below 2.5x.
     */
    static final double SUSPECT_FACTOR = 3.0;
    /**
     * Quantile of the surrounding non-key packet sizes used as the reference. Not the median: with
     * B-frames the median is a B-frame, and ordinary P-frames are 3-6x that.
     */
    static final double SUSPECT_QUANTILE = 0.9;
    /**
     * Non-key packets on each side (decode order) of the reference window: about a second at 30 fps,
     * several mini-GOPs. With the default minimum scene length of 15 frames at most four other cuts
     * fall in it, fewer than the six packets above the 90th percentile of 60.
     */
    static final int SUSPECT_WINDOW = 30;
    /**
     * A suspect is at least this share of the smaller of the two key packets around it (of the one
     * before it after the last I-frame). An intra picture of a new scene costs about what an I-frame of
     * that scene costs: 0.54-1.0 of the smaller neighbour measured, 0.37 for a cut into a simple scene
     * after the last I-frame of a complex one. The last scene that starts in an interval runs into the
     * closing I-frame, so comparing with the smaller one does not lose it; a scene that starts and ends
     * inside the interval ends in a cut back whose picture is as large as the I-frames. A sanity check
     * next to {@link #SUSPECT_FACTOR}: ordinary P-frames reach 0.36 (the first one after an I-frame),
     * and in high-motion content more, but those are not 3x their neighbours.
     */
    static final double SUSPECT_KEY_SHARE = 0.25;
    /**
     * Floor for a suspect, bits per coded pixel (576 bytes at 640x360, 5.2 KB at 1080p): in static
     * content predicted pictures are a few dozen bytes, and a picture several times that is still no
     * cut. Intra-coded pictures of real content measured 0.13-0.55 bits per pixel.
     */
    static final double SUSPECT_MIN_BITS_PER_PIXEL = 0.02;

    private SuspectPackets() {
    }

    /**
     * Presentation times of the suspect packets (see the class comment), sorted; empty when the
     * source reports no packets.
     */
    public static double[] find(List<PacketInfo> packets, VideoInfo info) {
        int n = packets.size();
        if (n == 0) {
            return new double[0];
        }
        DoubleList keyPts = new DoubleList(64);
        DoubleList keySizes = new DoubleList(64);
        int[] nonKey = new int[n];
        double[] nonKeyPts = new double[n];
        int m = 0;
        for (PacketInfo p : packets) {
            if (p.key()) {
                if (!Double.isNaN(p.ptsS())) {
                    keyPts.add(p.ptsS());
                    keySizes.add(p.sizeBytes());
                }
            } else {
                nonKey[m] = p.sizeBytes();
                nonKeyPts[m] = p.ptsS();
                m++;
            }
        }
        // key packets by time (decode order may differ from presentation order)
        int[] keyOrder = Sorted.order(keyPts);
        double[] kp = Sorted.permuted(keyPts, keyOrder);
        double[] ks = Sorted.permuted(keySizes, keyOrder);
        double floor = floorBytes(info);
        int[] scratch = new int[2 * SUSPECT_WINDOW];
        DoubleList out = new DoubleList(16);
        for (int j = 0; j < m; j++) {
            double pts = nonKeyPts[j];
            int size = nonKey[j];
            if (!Double.isNaN(pts) && size >= floor && size >= SUSPECT_KEY_SHARE * smallerKeyAround(kp, ks, pts)
                    && outsized(nonKey, m, j, scratch)) {
                out.add(pts);
            }
        }
        return Sorted.sorted(out);
    }

    /** {@link #SUSPECT_MIN_BITS_PER_PIXEL} of a coded picture of {@code info}, in bytes (0 when unknown). */
    static double floorBytes(VideoInfo info) {
        return SUSPECT_MIN_BITS_PER_PIXEL * codedPixels(info) / 8.0;
    }

    private static long codedPixels(VideoInfo info) {
        if (info == null) {
            return 0;
        }
        return info.codedWidth() > 0 && info.codedHeight() > 0 ? (long) info.codedWidth() * info.codedHeight()
                : (long) Math.max(0, info.width()) * Math.max(0, info.height());
    }

    /**
     * The smaller of the key packets before and after {@code pts} (sorted times {@code kp}, sizes
     * {@code ks}); 0 when there is none.
     */
    private static double smallerKeyAround(double[] kp, double[] ks, double pts) {
        int after = Sorted.upperBound(kp, pts);
        double smallerKey = Double.POSITIVE_INFINITY;
        if (after > 0) {
            smallerKey = ks[after - 1];
        }
        if (after < kp.length) {
            smallerKey = Math.min(smallerKey, ks[after]);
        }
        return smallerKey < Double.POSITIVE_INFINITY ? smallerKey : 0;
    }

    /**
     * Whether non-key packet {@code j} of the first {@code m} sizes is at least {@link #SUSPECT_FACTOR}
     * x the {@link #SUSPECT_QUANTILE} quantile of those within {@link #SUSPECT_WINDOW} either side
     * (true when it has no neighbour).
     */
    private static boolean outsized(int[] sizes, int m, int j, int[] scratch) {
        int w = 0;
        for (int q = Math.max(0, j - SUSPECT_WINDOW); q <= Math.min(m - 1, j + SUSPECT_WINDOW); q++) {
            if (q != j) {
                scratch[w++] = sizes[q];
            }
        }
        if (w == 0) {
            return true;
        }
        Arrays.sort(scratch, 0, w);
        int reference = scratch[(int) Math.floor(SUSPECT_QUANTILE * (w - 1))];
        return sizes[j] >= SUSPECT_FACTOR * reference;
    }
}
