package dev.videoclass.image;

import dev.videoclass.Frame;

/**
 * Reads the EXIF orientation tag (0x0112) of a JPEG and turns the decoded frame upright, as phone
 * photos require: ImageIO ignores the tag. Orientation values follow the EXIF/TIFF specification
 * (1 = upright, 3 = 180°, 6 = 90° clockwise, 8 = 270° clockwise, 2/4/5/7 = mirrored variants).
 */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /** The orientation value 1–8 of a JPEG's EXIF block, or 1 when there is none or it is unreadable. */
    public static int read(byte[] jpeg) {
        try {
            if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
                return 1;
            }
            int p = 2;
            while (p + 4 <= jpeg.length && (jpeg[p] & 0xFF) == 0xFF) {
                int marker = jpeg[p + 1] & 0xFF;
                int len = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
                if (marker == 0xDA || marker == 0xD9) {
                    return 1; // start of scan: no EXIF before the image data
                }
                if (marker == 0xE1 && len >= 8 && p + 2 + len <= jpeg.length
                        && jpeg[p + 4] == 'E' && jpeg[p + 5] == 'x' && jpeg[p + 6] == 'i' && jpeg[p + 7] == 'f') {
                    return fromTiff(jpeg, p + 10, p + 2 + len);
                }
                p += 2 + len;
            }
        } catch (RuntimeException e) {
            return 1;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I';
        int ifd = tiff + u32(b, tiff + 4, little);
        int entries = u16(b, ifd, little);
        for (int i = 0; i < entries; i++) {
            int e = ifd + 2 + i * 12;
            if (e + 12 > end) {
                break;
            }
            if (u16(b, e, little) == 0x0112) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int p, boolean little) {
        int a = b[p] & 0xFF;
        int c = b[p + 1] & 0xFF;
        return little ? (c << 8) | a : (a << 8) | c;
    }

    private static int u32(byte[] b, int p, boolean little) {
        return little ? (u16(b, p + 2, true) << 16) | u16(b, p, true) : (u16(b, p, false) << 16) | u16(b, p + 2, false);
    }

    /** Applies an EXIF orientation value to a frame as stored, giving the upright frame. */
    public static Frame apply(Frame stored, int orientation) {
        return switch (orientation) {
            case 2 -> FrameOps.mirrorHorizontally(stored);
            case 3 -> FrameOps.rotateClockwise(stored, 180);
            case 4 -> FrameOps.mirrorHorizontally(FrameOps.rotateClockwise(stored, 180));
            case 5 -> FrameOps.mirrorHorizontally(FrameOps.rotateClockwise(stored, 90));
            case 6 -> FrameOps.rotateClockwise(stored, 90);
            case 7 -> FrameOps.mirrorHorizontally(FrameOps.rotateClockwise(stored, 270));
            case 8 -> FrameOps.rotateClockwise(stored, 270);
            default -> stored;
        };
    }
}
