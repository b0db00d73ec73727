package dev.videoclass.image;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.VideoException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Conversions between {@link Frame}s and encoded images, with the JDK's ImageIO (no native code):
 * decoding photos for the image path (JPEG, PNG, BMP, GIF; EXIF orientation applied so the frame is
 * upright, as a photo viewer shows it) and encoding posters and exported frames as JPEG or PNG.
 * Thread safe.
 */
public final class Images {
    private Images() {
    }

    /**
     * Decodes an image to an upright RGB frame (timestamp 0).
     *
     * @throws VideoException {@link ErrorCode#EMPTY_INPUT} for no bytes, {@link ErrorCode#UNSUPPORTED_FORMAT}
     *                        when no reader understands them, {@link ErrorCode#TOO_MANY_PIXELS} above
     *                        {@code maxPixels}
     */
    public static Frame decode(byte[] bytes, long maxPixels) throws VideoException {
        if (bytes.length == 0) {
            throw new VideoException(ErrorCode.EMPTY_INPUT, "the image is empty (0 bytes)");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "the image cannot be decoded: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "not a supported image (JPEG, PNG, BMP or GIF expected)");
        }
        if ((long) img.getWidth() * img.getHeight() > maxPixels) {
            throw new VideoException(ErrorCode.TOO_MANY_PIXELS, "the image has " + img.getWidth() + "x" + img.getHeight()
                    + " pixels, more than the limit of " + maxPixels);
        }
        Frame frame = fromImage(img, 0);
        return ExifOrientation.apply(frame, ExifOrientation.read(bytes));
    }

    /** Packs a BufferedImage of any type into an RGB frame. */
    public static Frame fromImage(BufferedImage img, double ptsSeconds) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0, o = 0; i < argb.length; i++, o += 3) {
            int p = argb[i];
            rgb[o] = (byte) (p >> 16);
            rgb[o + 1] = (byte) (p >> 8);
            rgb[o + 2] = (byte) p;
        }
        return new Frame(w, h, rgb, ptsSeconds);
    }

    /** An RGB BufferedImage with the frame's pixels. */
    public static BufferedImage toImage(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] src = frame.rgb();
        for (int i = 0; i < w * h * 3; i += 3) {
            dst[i] = src[i + 2];
            dst[i + 1] = src[i + 1];
            dst[i + 2] = src[i];
        }
        return img;
    }

    /** Encodes the frame as a PNG (lossless). */
    public static byte[] encodePng(Frame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.pixelCount() + 1024);
        try {
            if (!ImageIO.write(toImage(frame), "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** Encodes the frame as a baseline JPEG with quality 0–1 (e.g. 0.85). */
    public static byte[] encodeJpeg(Frame frame, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.pixelCount() / 4 + 1024);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(toImage(frame), null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
