package dev.videoclass.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoclass.Frame;
import dev.videoclass.image.FrameOps;
import dev.videoclass.image.ResampleFilter;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The preprocessing of a Hugging Face image processor ({@code preprocessor_config.json}), reproduced
 * for 8-bit RGB frames: resize with the configured Pillow filter (to a fixed size, or shortest edge
 * then centre crop), then rescale, normalise and lay out as planar NCHW floats. The arithmetic is
 * the slow (Pillow/NumPy) processors': resize on 8-bit pixels, {@code float32(x * rescale_factor)},
 * then {@code (x - mean) / std} in float32.
 *
 * <p>Immutable and thread safe. {@link #prepare} allocates only the resized frame; {@link #toPlanar}
 * writes into the caller's buffer through a 3×256 lookup table, with no per-pixel objects.
 */
public final class ImageProcessor {
    private final ResampleFilter filter;
    private final boolean resize;
    /** Either a fixed output size (height/width) or a shortest-edge target. */
    private final int height;
    private final int width;
    private final int shortestEdge;
    private final boolean centerCrop;
    private final int cropHeight;
    private final int cropWidth;
    private final float[][] lookup = new float[3][256];

    /**
     * @param filter       Pillow resampling filter
     * @param height       fixed output height in pixels, or 0 when resizing by {@code shortestEdge}
     * @param width        fixed output width in pixels, or 0 when resizing by {@code shortestEdge}
     * @param shortestEdge target of the shorter side in pixels (aspect kept), or 0 for a fixed size
     * @param cropHeight   centre-crop height in pixels, or 0 for no crop
     * @param cropWidth    centre-crop width in pixels, or 0 for no crop
     * @param rescale      factor applied to 0–255 values ({@code 1/255}), or 1 when the config turns rescaling off
     * @param mean         per-channel mean subtracted after rescaling (zeros when normalising is off)
     * @param std          per-channel standard deviation divided by (ones when normalising is off)
     */
    public ImageProcessor(ResampleFilter filter, int height, int width, int shortestEdge,
                          int cropHeight, int cropWidth, double rescale, float[] mean, float[] std) {
        this.filter = filter;
        this.resize = shortestEdge > 0 || (height > 0 && width > 0);
        this.height = height;
        this.width = width;
        this.shortestEdge = shortestEdge;
        this.centerCrop = cropHeight > 0 && cropWidth > 0;
        this.cropHeight = cropHeight;
        this.cropWidth = cropWidth;
        if (!resize && !centerCrop) {
            throw new IllegalArgumentException("the image processor must resize or crop to a known size");
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("image_mean and image_std need 3 values (RGB)");
        }
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                float rescaled = (float) (v * rescale);
                lookup[c][v] = (rescaled - mean[c]) / std[c];
            }
        }
    }

    /** Reads {@code preprocessor_config.json} as Hugging Face writes it. */
    public static ImageProcessor load(Path file) throws IOException {
        return fromJson(new ObjectMapper().readTree(file.toFile()));
    }

    static ImageProcessor fromJson(JsonNode p) {
        ResampleFilter filter = ResampleFilter.fromPillowCode(p.path("resample").asInt(3));
        int height = 0, width = 0, shortest = 0;
        if (p.path("do_resize").asBoolean(true)) {
            JsonNode size = p.path("size");
            if (size.isInt()) {
                // old-style integer size: shortest edge when a crop follows (CLIP), else square
                if (p.path("do_center_crop").asBoolean(false)) {
                    shortest = size.asInt();
                } else {
                    height = width = size.asInt();
                }
            } else if (size.has("shortest_edge")) {
                shortest = size.get("shortest_edge").asInt();
            } else if (size.has("height") && size.has("width")) {
                height = size.get("height").asInt();
                width = size.get("width").asInt();
            } else {
                throw new IllegalArgumentException("unsupported \"size\" in preprocessor_config.json: " + size);
            }
        }
        int cropH = 0, cropW = 0;
        if (p.path("do_center_crop").asBoolean(false)) {
            JsonNode crop = p.path("crop_size");
            if (crop.isInt()) {
                cropH = cropW = crop.asInt();
            } else if (crop.has("height") && crop.has("width")) {
                cropH = crop.get("height").asInt();
                cropW = crop.get("width").asInt();
            } else {
                throw new IllegalArgumentException("do_center_crop needs \"crop_size\" in preprocessor_config.json");
            }
        }
        double rescale = p.path("do_rescale").asBoolean(true) ? p.path("rescale_factor").asDouble(1.0 / 255) : 1.0;
        float[] mean = {0, 0, 0};
        float[] std = {1, 1, 1};
        if (p.path("do_normalize").asBoolean(true)) {
            mean = triple(p.path("image_mean"), "image_mean");
            std = triple(p.path("image_std"), "image_std");
        }
        return new ImageProcessor(filter, height, width, shortest, cropH, cropW, rescale, mean, std);
    }

    /** Output height in pixels (the model's input height). */
    public int outputHeight() {
        return centerCrop ? cropHeight : height;
    }

    /** Output width in pixels (the model's input width). */
    public int outputWidth() {
        return centerCrop ? cropWidth : width;
    }

    /** Resizes and crops an upright RGB frame to the model's input size. Leaves its argument untouched. */
    public Frame prepare(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        if (resize && shortestEdge > 0) {
            // transformers' get_resize_output_image_size(default_to_square=False): the long side is truncated
            boolean portrait = w <= h;
            int shortSide = portrait ? w : h;
            int longSide = portrait ? h : w;
            int newLong = (int) ((double) shortestEdge * longSide / shortSide);
            w = portrait ? shortestEdge : newLong;
            h = portrait ? newLong : shortestEdge;
        } else if (resize) {
            w = width;
            h = height;
        }
        if (!centerCrop) {
            return FrameOps.resize(frame, w, h, filter);
        }
        // transformers' centre crop: offsets (size - crop) / 2 rounded down, zero padding where it
        // overhangs; only the kept region is resampled
        return FrameOps.resizeAndCrop(frame, w, h, filter, Math.floorDiv(w - cropWidth, 2),
                Math.floorDiv(h - cropHeight, 2), cropWidth, cropHeight);
    }

    /**
     * Writes a prepared frame as planar, normalised float32 (C, H, W) starting at the buffer's
     * absolute index {@code offset}. The frame must have the output size.
     */
    public void toPlanar(Frame prepared, FloatBuffer dst, int offset) {
        int w = outputWidth();
        int h = outputHeight();
        if (prepared.width() != w || prepared.height() != h) {
            throw new IllegalArgumentException("frame is " + prepared.width() + "x" + prepared.height()
                    + ", the model needs " + w + "x" + h);
        }
        int plane = w * h;
        byte[] rgb = prepared.rgb();
        float[] r = lookup[0], g = lookup[1], b = lookup[2];
        for (int i = 0, p = 0; i < plane; i++, p += 3) {
            dst.put(offset + i, r[rgb[p] & 0xFF]);
            dst.put(offset + plane + i, g[rgb[p + 1] & 0xFF]);
            dst.put(offset + 2 * plane + i, b[rgb[p + 2] & 0xFF]);
        }
    }

    private static float[] triple(JsonNode n, String name) {
        if (n.isNumber()) {
            float v = (float) n.asDouble();
            return new float[] {v, v, v};
        }
        if (!n.isArray() || n.size() != 3) {
            throw new IllegalArgumentException("\"" + name + "\" in preprocessor_config.json must hold 3 numbers");
        }
        return new float[] {(float) n.get(0).asDouble(), (float) n.get(1).asDouble(), (float) n.get(2).asDouble()};
    }
}
