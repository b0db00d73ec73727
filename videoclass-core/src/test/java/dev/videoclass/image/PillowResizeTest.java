package dev.videoclass.image;

import dev.videoclass.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link FrameOps#resize} against Pillow's algorithm and its observable properties. */
class PillowResizeTest {

    private static Frame random(int w, int h, long seed) {
        byte[] rgb = new byte[w * h * 3];
        new Random(seed).nextBytes(rgb);
        return new Frame(w, h, rgb, 2.5, true);
    }

    private static int at(Frame f, int x, int y, int band) {
        return f.rgb()[(y * f.width() + x) * 3 + band] & 0xFF;
    }

    /** Size pairs (inW, inH, outW, outH): up, down, odd, 1 pixel, one axis unchanged, many tiles. */
    private static List<int[]> sizePairs() {
        List<int[]> pairs = new ArrayList<>(List.of(
                new int[] {1, 1, 5, 3},
                new int[] {5, 3, 1, 1},
                new int[] {2, 2, 1, 1},
                new int[] {7, 5, 3, 2},
                new int[] {3, 2, 7, 5},
                new int[] {13, 11, 13, 4},   // vertical pass only
                new int[] {13, 11, 6, 11},   // horizontal pass only
                new int[] {17, 9, 16, 10},   // slight down / slight up
                new int[] {64, 48, 32, 24},  // exact 2x
                new int[] {10, 10, 30, 30},  // exact 3x up
                new int[] {101, 67, 37, 99}, // mixed, more rows than one tile
                new int[] {40, 70, 1, 70},
                new int[] {40, 70, 40, 1},
                new int[] {1, 50, 9, 7},
                new int[] {200, 150, 67, 33},
                new int[] {31, 97, 113, 41}));
        Random r = new Random(7);
        for (int i = 0; i < 24; i++) {
            pairs.add(new int[] {1 + r.nextInt(60), 1 + r.nextInt(60), 1 + r.nextInt(60), 1 + r.nextInt(60)});
        }
        return pairs;
    }

    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void agreesExactlyWithIndependentReferenceOnRandomImages(ResampleFilter filter) {
        long seed = 1;
        for (int[] p : sizePairs()) {
            Frame src = random(p[0], p[1], seed++);
            byte[] expected = PillowReference.resize(src.rgb(), p[0], p[1], p[2], p[3], filter.pillowCode());
            Frame got = FrameOps.resize(src, p[2], p[3], filter);
            assertThat(got.width()).isEqualTo(p[2]);
            assertThat(got.height()).isEqualTo(p[3]);
            assertThat(got.rgb())
                    .as("%s %dx%d -> %dx%d", filter, p[0], p[1], p[2], p[3])
                    .isEqualTo(expected);
        }
    }

    /** A resize restricted to a region gives exactly the crop of the whole resize, for every filter and size. */
    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void resizeAndCropEqualsCroppingTheWholeResize(ResampleFilter filter) {
        long seed = 100;
        Random r = new Random(3);
        for (int[] p : sizePairs()) {
            Frame src = random(p[0], p[1], seed++);
            Frame whole = FrameOps.resize(src, p[2], p[3], filter);
            for (int k = 0; k < 4; k++) {
                // inside, touching the edges, and (k == 3) overhanging on the top left, as a centre
                // crop larger than the resized frame does
                int cw = 1 + r.nextInt(p[2]);
                int ch = 1 + r.nextInt(p[3]);
                int left = k == 3 ? -1 - r.nextInt(3) : k == 2 ? p[2] - cw : r.nextInt(p[2] - cw + 1);
                int top = k == 3 ? -1 - r.nextInt(3) : k == 1 ? p[3] - ch : r.nextInt(p[3] - ch + 1);
                Frame got = FrameOps.resizeAndCrop(src, p[2], p[3], filter, left, top, cw, ch);
                assertThat(got.rgb())
                        .as("%s %dx%d -> %dx%d, region %dx%d%+d%+d", filter, p[0], p[1], p[2], p[3], cw, ch, left, top)
                        .isEqualTo(FrameOps.crop(whole, left, top, cw, ch).rgb());
                assertThat(got.ptsSeconds()).isEqualTo(src.ptsSeconds());
            }
        }
        // a full-HD frame to a 384 centre crop, as SigLIP and CLIP processors take it
        Frame hd = random(1920, 1080, 5);
        Frame whole = FrameOps.resize(hd, 682, 384, filter);
        assertThat(FrameOps.resizeAndCrop(hd, 682, 384, filter, 149, 0, 384, 384).rgb())
                .isEqualTo(FrameOps.crop(whole, 149, 0, 384, 384).rgb());
    }

    @Test
    void agreesWithReferenceOnTheScorersFullHdResizes() {
        Frame src = random(1920, 1080, 99);
        int[][] targets = {{384, 384}, {398, 224}, {384, 216}};
        ResampleFilter[] filters = {ResampleFilter.BILINEAR, ResampleFilter.BICUBIC, ResampleFilter.BOX};
        for (int i = 0; i < targets.length; i++) {
            int w = targets[i][0];
            int h = targets[i][1];
            assertThat(FrameOps.resize(src, w, h, filters[i]).rgb())
                    .as("%s to %dx%d", filters[i], w, h)
                    .isEqualTo(PillowReference.resize(src.rgb(), 1920, 1080, w, h, filters[i].pillowCode()));
        }
    }

    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void constantImageStaysConstant(ResampleFilter filter) {
        for (int[] p : sizePairs()) {
            for (int value : new int[] {0, 1, 77, 128, 254, 255}) {
                byte[] rgb = new byte[p[0] * p[1] * 3];
                Arrays.fill(rgb, (byte) value);
                Frame r = FrameOps.resize(new Frame(p[0], p[1], rgb, 0), p[2], p[3], filter);
                for (byte b : r.rgb()) {
                    if ((b & 0xFF) != value) {
                        assertThat(b & 0xFF).as("%s value %d %dx%d -> %dx%d", filter, value,
                                p[0], p[1], p[2], p[3]).isEqualTo(value);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void sameSizeReturnsIdenticalPixelsInANewFrame(ResampleFilter filter) {
        Frame src = random(23, 17, 3);
        Frame r = FrameOps.resize(src, 23, 17, filter);
        assertThat(r).isNotSameAs(src);
        assertThat(r.rgb()).isNotSameAs(src.rgb()).isEqualTo(src.rgb());
        assertThat(r.ptsSeconds()).isEqualTo(2.5);
        assertThat(r.isKeyframe()).isTrue();
    }

    @Test
    void boxHalvingIsThe2x2AverageWithPillowsRounding() {
        Frame src = random(38, 26, 11);
        Frame half = FrameOps.resize(src, 19, 13, ResampleFilter.BOX);
        for (int y = 0; y < 13; y++) {
            for (int x = 0; x < 19; x++) {
                for (int b = 0; b < 3; b++) {
                    int a = at(src, 2 * x, 2 * y, b);
                    int c = at(src, 2 * x + 1, 2 * y, b);
                    int d = at(src, 2 * x, 2 * y + 1, b);
                    int e = at(src, 2 * x + 1, 2 * y + 1, b);
                    // each pass: two weights of exactly 1/2, sum rounded half up into 8 bits
                    int top = (a + c + 1) >> 1;
                    int bottom = (d + e + 1) >> 1;
                    int expected = (top + bottom + 1) >> 1;
                    assertThat(at(half, x, y, b)).isEqualTo(expected);
                    // rounding up twice: never below the true mean, less than one level above it
                    assertThat((double) at(half, x, y, b)).isBetween((a + c + d + e) / 4.0, (a + c + d + e) / 4.0 + 1);
                }
            }
        }
    }

    @Test
    void nearestHalvingPicksTheLowerRightPixelOfEachBlock() {
        // Pillow samples at the output pixel centre: x_src = (2x + 1), truncated
        Frame src = random(20, 14, 5);
        Frame half = FrameOps.resize(src, 10, 7, ResampleFilter.NEAREST);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 10; x++) {
                for (int b = 0; b < 3; b++) {
                    assertThat(at(half, x, y, b)).isEqualTo(at(src, 2 * x + 1, 2 * y + 1, b));
                }
            }
        }
    }

    @Test
    void nearestDoublingRepeatsEachPixelInA2x2Block() {
        Frame src = random(9, 5, 6);
        Frame twice = FrameOps.resize(src, 18, 10, ResampleFilter.NEAREST);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 18; x++) {
                for (int b = 0; b < 3; b++) {
                    assertThat(at(twice, x, y, b)).isEqualTo(at(src, x / 2, y / 2, b));
                }
            }
        }
    }

    @Test
    void nearestOnlyProducesPixelsOfTheSource() {
        for (int[] p : sizePairs()) {
            Frame src = random(p[0], p[1], p[0] * 1000L + p[1]);
            Set<Integer> colours = new HashSet<>();
            for (int i = 0; i < p[0] * p[1]; i++) {
                colours.add(rgbAt(src.rgb(), i));
            }
            Frame r = FrameOps.resize(src, p[2], p[3], ResampleFilter.NEAREST);
            for (int i = 0; i < p[2] * p[3]; i++) {
                assertThat(colours).contains(rgbAt(r.rgb(), i));
            }
        }
    }

    private static int rgbAt(byte[] rgb, int pixel) {
        return (rgb[pixel * 3] & 0xFF) << 16 | (rgb[pixel * 3 + 1] & 0xFF) << 8 | (rgb[pixel * 3 + 2] & 0xFF);
    }

    /** A vertical step from 50 to 200, upscaled 4x horizontally and 2x vertically. */
    private static Frame upscaledStep(ResampleFilter filter) {
        int w = 8;
        byte[] rgb = new byte[w * 2 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < w; x++) {
                Arrays.fill(rgb, (y * w + x) * 3, (y * w + x) * 3 + 3, (byte) (x < w / 2 ? 50 : 200));
            }
        }
        return FrameOps.resize(new Frame(w, 2, rgb, 0), 4 * w, 4, filter);
    }

    @Test
    void kernelsWithNegativeLobesRingAtEdgesAndTheOthersDoNot() {
        for (ResampleFilter f : ResampleFilter.values()) {
            int min = 255;
            int max = 0;
            for (byte b : upscaledStep(f).rgb()) {
                min = Math.min(min, b & 0xFF);
                max = Math.max(max, b & 0xFF);
            }
            if (f == ResampleFilter.LANCZOS || f == ResampleFilter.BICUBIC) {
                assertThat(min < 50 || max > 200).as("%s overshoots", f).isTrue();
            } else {
                assertThat(min).as("%s min", f).isEqualTo(50);
                assertThat(max).as("%s max", f).isEqualTo(200);
            }
        }
    }

    @Test
    void lanczosAndHammingFollowASmoothRamp() {
        // a horizontal ramp 0, 10, 20, ...
        int w = 20;
        byte[] rgb = new byte[w * 3 * 3];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < w; x++) {
                Arrays.fill(rgb, (y * w + x) * 3, (y * w + x) * 3 + 3, (byte) (10 * x));
            }
        }
        Frame ramp = new Frame(w, 3, rgb, 0);
        for (ResampleFilter f : new ResampleFilter[] {ResampleFilter.LANCZOS, ResampleFilter.HAMMING}) {
            // halving: symmetric taps around each output centre, so the ramp is reproduced
            Frame down = FrameOps.resize(ramp, w / 2, 3, f);
            for (int x = 3; x < w / 2 - 3; x++) {
                double expected = 10 * ((x + 0.5) * 2 - 0.5);
                assertThat((double) at(down, x, 1, 0)).as("%s down x=%d", f, x)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1.0));
            }
            // doubling: still increasing, and each value between the source pixels around it
            Frame up = FrameOps.resize(ramp, 2 * w, 3, f);
            for (int x = 6; x < 2 * w - 6; x++) {
                assertThat(at(up, x, 1, 0)).as("%s up x=%d", f, x).isGreaterThanOrEqualTo(at(up, x - 1, 1, 0));
                double pos = (x + 0.5) / 2 - 0.5;
                assertThat(at(up, x, 1, 0)).as("%s up x=%d", f, x)
                        .isBetween(10 * (int) Math.floor(pos), 10 * (int) Math.ceil(pos));
            }
        }
    }

    @Test
    void aReusedLongerPixelBufferGivesTheSameResult() {
        Frame exact = random(31, 19, 8);
        byte[] longer = Arrays.copyOf(exact.rgb(), exact.rgb().length + 300);
        Arrays.fill(longer, exact.rgb().length, longer.length, (byte) 0x7F);
        Frame padded = new Frame(31, 19, longer, 0);
        for (ResampleFilter f : ResampleFilter.values()) {
            assertThat(FrameOps.resize(padded, 12, 40, f).rgb()).isEqualTo(FrameOps.resize(exact, 12, 40, f).rgb());
            assertThat(FrameOps.resize(padded, 31, 19, f).rgb()).isEqualTo(exact.rgb());
        }
    }

    @Test
    void resizeKeepsTimestampAndKeyFlagAndLeavesTheSourceAlone() {
        Frame src = random(30, 20, 4);
        byte[] before = src.rgb().clone();
        Frame r = FrameOps.resize(src, 11, 9, ResampleFilter.LANCZOS);
        assertThat(r.ptsSeconds()).isEqualTo(2.5);
        assertThat(r.isKeyframe()).isTrue();
        assertThat(src.rgb()).isEqualTo(before);
    }

    @Test
    void nonPositiveTargetSizeIsRejected() {
        Frame src = random(4, 4, 1);
        assertThatThrownBy(() -> FrameOps.resize(src, 0, 3, ResampleFilter.BILINEAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x3");
        assertThatThrownBy(() -> FrameOps.resize(src, 3, -1, ResampleFilter.NEAREST))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
