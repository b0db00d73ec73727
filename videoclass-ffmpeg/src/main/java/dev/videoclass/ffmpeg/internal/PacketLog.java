package dev.videoclass.ffmpeg.internal;

import dev.videoclass.spi.PacketInfo;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The video packets a source has demuxed, each once, in decode order, kept in parallel primitive
 * arrays (about 21 bytes a packet: a 10-minute 60 fps video of 36,000 packets takes under 1 MB).
 *
 * <p>Packets are identified by an order key that grows in decode order: the byte position in the file
 * when the demuxer knows it, else the decode timestamp. Packets normally arrive with a key above every
 * recorded one and are appended; a packet whose key is already recorded (a stretch read again after a
 * seek) is ignored; one that falls between recorded ones (a seek that skipped a stretch, then came
 * back) is inserted in order. Not thread safe.
 */
final class PacketLog {
    private long[] order = new long[256];
    private double[] pts = new double[256];
    private int[] size = new int[256];
    private boolean[] key = new boolean[256];
    private int n;

    /**
     * Records a packet unless one with the same order key is already there. Returns whether it was
     * new.
     */
    boolean record(long orderKey, double ptsS, int sizeBytes, boolean isKey) {
        int at;
        if (n == 0 || orderKey > order[n - 1]) {
            at = n;
        } else {
            int found = Arrays.binarySearch(order, 0, n, orderKey);
            if (found >= 0) {
                return false;
            }
            at = -found - 1;
        }
        if (n == order.length) {
            int cap = n * 2;
            order = Arrays.copyOf(order, cap);
            pts = Arrays.copyOf(pts, cap);
            size = Arrays.copyOf(size, cap);
            key = Arrays.copyOf(key, cap);
        }
        if (at < n) {
            System.arraycopy(order, at, order, at + 1, n - at);
            System.arraycopy(pts, at, pts, at + 1, n - at);
            System.arraycopy(size, at, size, at + 1, n - at);
            System.arraycopy(key, at, key, at + 1, n - at);
        }
        order[at] = orderKey;
        pts[at] = ptsS;
        size[at] = sizeBytes;
        key[at] = isKey;
        n++;
        return true;
    }

    int size() {
        return n;
    }

    /** Whether a recorded key packet is presented within {@code tolerance} seconds of {@code t}. */
    boolean hasKeyNear(double t, double tolerance) {
        for (int i = 0; i < n; i++) {
            if (key[i] && Math.abs(pts[i] - t) <= tolerance) {
                return true;
            }
        }
        return false;
    }

    /** A snapshot: later records do not change it. */
    List<PacketInfo> snapshot() {
        if (n == 0) {
            return List.of();
        }
        return new Snapshot(Arrays.copyOf(pts, n), Arrays.copyOf(size, n), Arrays.copyOf(key, n));
    }

    /** An immutable list view that builds each {@link PacketInfo} on access. */
    private static final class Snapshot extends AbstractList<PacketInfo> implements RandomAccess {
        private final double[] pts;
        private final int[] size;
        private final boolean[] key;

        Snapshot(double[] pts, int[] size, boolean[] key) {
            this.pts = pts;
            this.size = size;
            this.key = key;
        }

        @Override
        public PacketInfo get(int index) {
            if (index < 0 || index >= pts.length) {
                throw new IndexOutOfBoundsException(index);
            }
            return new PacketInfo(pts[index], size[index], key[index]);
        }

        @Override
        public int size() {
            return pts.length;
        }
    }
}
