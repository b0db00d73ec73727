package dev.videoclass.image;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagesTest {

    /** 40x20, left half red, right half blue. */
    private static Frame leftRedRightBlue() {
        byte[] rgb = new byte[40 * 20 * 3];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                int o = (y * 40 + x) * 3;
                rgb[o] = (byte) (x < 20 ? 255 : 0);
                rgb[o + 2] = (byte) (x < 20 ? 0 : 255);
            }
        }
        return new Frame(40, 20, rgb, 0);
    }

    private static int red(Frame f, int x, int y) {
        return f.rgb()[(y * f.width() + x) * 3] & 0xFF;
    }

    /** Inserts an APP1 EXIF block with the orientation tag right after SOI (big-endian TIFF). */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int len = 2 + 6 + tiff.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.writeBytes(new byte[]{'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    @Test
    void jpegRoundTripKeepsSizeAndColours() throws Exception {
        byte[] jpeg = Images.encodeJpeg(leftRedRightBlue(), 0.95f);
        Frame back = Images.decode(jpeg, Long.MAX_VALUE);
        assertThat(back.width()).isEqualTo(40);
        assertThat(back.height()).isEqualTo(20);
        assertThat(red(back, 5, 10)).isGreaterThan(200);
        assertThat(red(back, 35, 10)).isLessThan(50);
    }

    @Test
    void exifOrientationSixTurnsThePhotoUpright() throws Exception {
        byte[] jpeg = withOrientation(Images.encodeJpeg(leftRedRightBlue(), 0.95f), 6);
        assertThat(ExifOrientation.read(jpeg)).isEqualTo(6);
        Frame upright = Images.decode(jpeg, Long.MAX_VALUE);
        // stored left (red) becomes the top after a clockwise quarter turn
        assertThat(upright.width()).isEqualTo(20);
        assertThat(upright.height()).isEqualTo(40);
        assertThat(red(upright, 10, 5)).isGreaterThan(200);
        assertThat(red(upright, 10, 35)).isLessThan(50);
    }

    @Test
    void mirroredOrientationsAreInvolutionsOrRotations() {
        Frame f = leftRedRightBlue();
        Frame m = ExifOrientation.apply(f, 2);
        assertThat(red(m, 5, 10)).isEqualTo(0);
        Frame transposed = ExifOrientation.apply(f, 5);
        assertThat(transposed.width()).isEqualTo(20);
        assertThat(red(transposed, 10, 5)).isEqualTo(255); // transpose keeps the left column on top
    }

    @Test
    void garbageAndEmptyGiveStableCodes() {
        assertThatThrownBy(() -> Images.decode(new byte[0], 10)).isInstanceOf(VideoException.class)
                .extracting(e -> ((VideoException) e).code()).isEqualTo(ErrorCode.EMPTY_INPUT);
        assertThatThrownBy(() -> Images.decode("not an image".getBytes(), 10))
                .extracting(e -> ((VideoException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        assertThatThrownBy(() -> Images.decode(Images.encodeJpeg(leftRedRightBlue(), 0.9f), 100))
                .extracting(e -> ((VideoException) e).code()).isEqualTo(ErrorCode.TOO_MANY_PIXELS);
    }
}
