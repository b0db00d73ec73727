package dev.videoclass.image;

import dev.videoclass.Frame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameOpsTest {

    /** 3x2 frame whose pixel (x,y) has red = 10*x + 100*y, so positions are recognisable. */
    private static Frame marked() {
        byte[] rgb = new byte[3 * 2 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                rgb[(y * 3 + x) * 3] = (byte) (10 * x + 100 * y);
            }
        }
        return new Frame(3, 2, rgb, 1.5);
    }

    private static int red(Frame f, int x, int y) {
        return f.rgb()[(y * f.width() + x) * 3] & 0xFF;
    }

    @Test
    void rotate90MovesTopLeftToTopRight() {
        Frame r = FrameOps.rotateClockwise(marked(), 90);
        assertThat(r.width()).isEqualTo(2);
        assertThat(r.height()).isEqualTo(3);
        assertThat(red(r, 1, 0)).isEqualTo(0);    // old (0,0)
        assertThat(red(r, 0, 0)).isEqualTo(100);  // old (0,1)
        assertThat(red(r, 0, 2)).isEqualTo(120);  // old (2,1)
        assertThat(r.ptsSeconds()).isEqualTo(1.5);
    }

    @Test
    void rotationsCompose() {
        Frame f = marked();
        Frame r180 = FrameOps.rotateClockwise(f, 180);
        Frame twice90 = FrameOps.rotateClockwise(FrameOps.rotateClockwise(f, 90), 90);
        assertThat(twice90.rgb()).isEqualTo(r180.rgb());
        Frame full = FrameOps.rotateClockwise(FrameOps.rotateClockwise(f, 270), 90);
        assertThat(full.rgb()).isEqualTo(f.rgb());
        assertThat(red(r180, 0, 0)).isEqualTo(120);
    }

    @Test
    void boxDownscaleAveragesAreas() {
        // 4x2 frame: left half 0, right half 200 -> 2x1 gives 0 and 200; 1x1 gives 100
        byte[] rgb = new byte[4 * 2 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 2; x < 4; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * 4 + x) * 3 + c] = (byte) 200;
                }
            }
        }
        Frame f = new Frame(4, 2, rgb, 0);
        Frame half = FrameOps.resize(f, 2, 1, ResampleFilter.BOX);
        assertThat(red(half, 0, 0)).isEqualTo(0);
        assertThat(red(half, 1, 0)).isEqualTo(200);
        assertThat(red(FrameOps.resize(f, 1, 1, ResampleFilter.BICUBIC), 0, 0)).isEqualTo(100);
    }

    @Test
    void uniformImageStaysUniformUnderEveryFilter() {
        byte[] rgb = new byte[17 * 11 * 3];
        java.util.Arrays.fill(rgb, (byte) 77);
        Frame f = new Frame(17, 11, rgb, 0);
        for (ResampleFilter filter : ResampleFilter.values()) {
            Frame r = FrameOps.resize(f, 5, 9, filter);
            for (byte b : r.rgb()) {
                assertThat(b & 0xFF).isEqualTo(77);
            }
        }
    }

    @Test
    void fitLongSideKeepsAspectAndNeverUpscales() {
        Frame f = new Frame(1920, 1080, new byte[1920 * 1080 * 3], 0);
        Frame r = FrameOps.fitLongSide(f, 384, ResampleFilter.BOX);
        assertThat(r.width()).isEqualTo(384);
        assertThat(r.height()).isEqualTo(216);
        assertThat(FrameOps.fitLongSide(r, 1000, ResampleFilter.BOX)).isSameAs(r);
    }

    @Test
    void cropTakesTheRegionAndPadsWhereItOverhangs() {
        byte[] px = new byte[4 * 3 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i + 1);
        }
        Frame f = new Frame(4, 3, px, 1.5);
        assertThat(FrameOps.crop(f, 0, 0, 4, 3)).isSameAs(f);
        Frame inner = FrameOps.crop(f, 1, 1, 2, 2);
        assertThat(inner.ptsSeconds()).isEqualTo(1.5);
        assertThat(java.util.Arrays.copyOf(inner.rgb(), 12)).containsExactly(
                16, 17, 18, 19, 20, 21, 28, 29, 30, 31, 32, 33);
        Frame padded = FrameOps.crop(f, -1, 2, 3, 2);
        assertThat(padded.rgb()).containsExactly(0, 0, 0, 25, 26, 27, 28, 29, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
