package dev.videoclass.ffmpeg;

import dev.videoclass.Frame;
import dev.videoclass.ffmpeg.testing.TestVideos;

/** Pixel helpers for assertions. */
final class Pixels {
    private Pixels() {
    }

    /** Mean {r,g,b} over the rectangle [x0,x1) x [y0,y1). */
    static double[] mean(Frame f, int x0, int y0, int x1, int y1) {
        double[] m = new double[3];
        byte[] p = f.rgb();
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int i = (y * f.width() + x) * 3;
                m[0] += p[i] & 0xFF;
                m[1] += p[i + 1] & 0xFF;
                m[2] += p[i + 2] & 0xFF;
                n++;
            }
        }
        for (int c = 0; c < 3; c++) {
            m[c] /= n;
        }
        return m;
    }

    static double[] mean(Frame f) {
        return mean(f, 0, 0, f.width(), f.height());
    }

    static double distance(double[] rgb, int colour) {
        double dr = rgb[0] - (colour >> 16 & 0xFF);
        double dg = rgb[1] - (colour >> 8 & 0xFF);
        double db = rgb[2] - (colour & 0xFF);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    /** The palette colour closest to the frame's mean colour. */
    static int nearestPaletteColour(Frame f) {
        double[] m = mean(f);
        int best = TestVideos.PALETTE[0];
        for (int c : TestVideos.PALETTE) {
            if (distance(m, c) < distance(m, best)) {
                best = c;
            }
        }
        return best;
    }

    /** Whether a region is mostly red (r high, b low) or mostly blue. */
    static boolean isRed(double[] m) {
        return m[0] > 150 && m[2] < 100;
    }

    static boolean isBlue(double[] m) {
        return m[2] > 150 && m[0] < 100;
    }
}
