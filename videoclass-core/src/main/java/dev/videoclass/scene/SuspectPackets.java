package dev.videoclass.scene;

import dev.videoclass.PacketInfo;
import dev.videoclass.VideoInfo;
import dev.videoclass.scene.SceneSampler.DoubleList;

import java.util.Arrays;
import java.util.List;

/**
 * Finds <em>suspect</em> packets: non-key packets so much larger than the predicted pictures
 * around them, and so close to the size of a key picture, that they are almost certainly an
 * intra-coded scene cut the encoder did not flag as a key frame. AUTO sampling decodes only the
 * stretches that hold one. Stateless; the constants below are the tuning, with the measurements
 * behind them.
 */
final class SuspectPackets {
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
     * Presentation times of the suspect packets (see the class comment),
     * sorted; empty when the source reports no packets.
     */
    static double[] find(List<PacketInfo> packets, VideoInfo info) {
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
        double[] kp = new double[keyOrder.length];
        double[] ks = new double[keyOrder.length];
        for (int i = 0; i < kp.length; i++) {
            kp[i] = keyPts.get(keyOrder[i]);
            ks[i] = keySizes.get(keyOrder[i]);
        }
        long pixels = info == null ? 0
                : info.codedWidth() > 0 && info.codedHeight() > 0 ? (long) info.codedWidth() * info.codedHeight()
                : (long) Math.max(0, info.width()) * Math.max(0, info.height());
        double floor = SUSPECT_MIN_BITS_PER_PIXEL * pixels / 8.0;
        int[] scratch = new int[2 * SUSPECT_WINDOW];
        DoubleList out = new DoubleList(16);
        for (int j = 0; j < m; j++) {
            double pts = nonKeyPts[j];
            int size = nonKey[j];
            if (Double.isNaN(pts) || size < floor) {
                continue;
            }
            int after = Sorted.upperBound(kp, pts);
            double smallerKey = Double.POSITIVE_INFINITY;
            if (after > 0) {
                smallerKey = ks[after - 1];
            }
            if (after < kp.length) {
                smallerKey = Math.min(smallerKey, ks[after]);
            }
            if (smallerKey < Double.POSITIVE_INFINITY && size < SUSPECT_KEY_SHARE * smallerKey) {
                continue;
            }
            int w = 0;
            for (int q = Math.max(0, j - SUSPECT_WINDOW); q <= Math.min(m - 1, j + SUSPECT_WINDOW); q++) {
                if (q != j) {
                    scratch[w++] = nonKey[q];
                }
            }
            if (w > 0) {
                Arrays.sort(scratch, 0, w);
                int reference = scratch[(int) Math.floor(SUSPECT_QUANTILE * (w - 1))];
                if (size < SUSPECT_FACTOR * reference) {
                    continue;
                }
            }
            out.add(pts);
        }
        double[] result = out.toArray();
        Arrays.sort(result);
        return result;
    }
}
