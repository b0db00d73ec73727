package dev.videoclass.export;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.Keyframe;
import dev.videoclass.Limits;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInfo;
import dev.videoclass.VideoInput;
import dev.videoclass.image.Images;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.scene.SceneSampler;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.KeyframeSampler;
import dev.videoclass.spi.VideoDecoder;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes the keyframes a classifier would score as image files, with their metadata: the frames of a
 * video at its scene changes (or at a uniform cadence, {@link dev.videoclass.SamplerMode#UNIFORM}),
 * captured upright at display size (HDR tone-mapped) by the decoder's {@link FrameSource#capture}.
 * The folder gets {@code frame-000.jpg}, {@code frame-001.jpg}, ... in time order and
 * {@code frames.json}:
 * <pre>{@code
 * {"video": {"duration_s": 8.0, "frame_rate": 30.0, "codec": "h264", "width": 640, ...},
 *  "frames": [{"file": "frame-000.jpg", "pts_s": 0.5, "scene": [0.0, 2.0], "width": 640, "height": 360}, ...]}
 * }</pre>
 * ({@code video} holds the probe's fields exactly as a verdict's {@code video} does). All or nothing:
 * the files are written to a temporary folder beside the target and moved into place at the end,
 * so a failure leaves nothing behind. Immutable and thread safe; concurrent exports each open their
 * own frame source.
 *
 * <pre>{@code
 * FrameExport export = FrameExport.builder().decoder(new FfmpegVideoDecoder()).format(Format.PNG).build();
 * FrameExport.Result r = export.export(VideoInput.of(Path.of("clip.mov")), Path.of("clip-frames"));
 * }</pre>
 */
public final class FrameExport {
    /** Name of the metadata file in the export folder. */
    public static final String METADATA_FILE = "frames.json";
    /** Default JPEG quality, 0–1. */
    public static final float DEFAULT_JPEG_QUALITY = 0.92f;

    /** The image format of the written frames. */
    public enum Format {
        /** Baseline JPEG ({@code .jpg}), at the export's quality. */
        JPEG("jpg"),
        /** Lossless PNG ({@code .png}). */
        PNG("png");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** The file name extension, without the dot. */
        public String extension() {
            return extension;
        }

        /** The format named {@code jpeg}, {@code jpg} or {@code png} (any case). */
        public static Optional<Format> find(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "jpeg", "jpg" -> Optional.of(JPEG);
                case "png" -> Optional.of(PNG);
                default -> Optional.empty();
            };
        }
    }

    /**
     * What an export wrote.
     *
     * @param dir    the export folder
     * @param video  the probe's facts
     * @param frames the written frames in time order
     */
    public record Result(Path dir, VideoInfo video, List<ExportedFrame> frames) {
        public Result {
            frames = List.copyOf(frames);
        }
    }

    private final VideoDecoder decoder;
    private final KeyframeSampler sampler;
    private final SamplingPolicy policy;
    private final DecodeOptions decodeOptions;
    private final Format format;
    private final float quality;
    private final int maxSide;

    private FrameExport(Builder b) {
        this.decoder = Objects.requireNonNull(b.decoder, "a decoder is required (e.g. new FfmpegVideoDecoder())");
        this.sampler = b.sampler;
        this.policy = b.policy;
        this.decodeOptions = DecodeOptions.DEFAULTS.withLimits(b.limits);
        this.format = b.format;
        this.quality = b.quality;
        this.maxSide = b.maxSide;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Samples the video's keyframes and writes them and {@value #METADATA_FILE} into {@code dir},
     * which must not exist or be an empty folder (its parents are created).
     *
     * @throws VideoException with a stable code when the input is bad or over a limit; nothing is
     *                        written then
     * @throws IOException    when {@code dir} exists and is not an empty folder
     *                        ({@link FileAlreadyExistsException}, {@link DirectoryNotEmptyException})
     *                        or cannot be written; nothing is left behind either
     */
    public Result export(VideoInput input, Path dir) throws VideoException, IOException {
        Path target = dir.toAbsolutePath().normalize();
        requireFree(target);
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        boolean placed = false;
        try {
            VideoInfo video;
            List<ExportedFrame> frames;
            try (FrameSource source = decoder.open(input, decodeOptions)) {
                video = source.info();
                frames = writeFrames(source, staging);
            } catch (RuntimeException | LinkageError e) {
                throw new VideoException(ErrorCode.INTERNAL, "unexpected " + e, e);
            }
            Files.writeString(staging.resolve(METADATA_FILE), metadataJson(video, frames));
            requireFree(target);
            Files.deleteIfExists(target); // an empty folder; the move puts the whole export in its place
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            placed = true;
            return new Result(target, video, frames);
        } finally {
            if (!placed) {
                deleteTree(staging);
            }
        }
    }

    private List<ExportedFrame> writeFrames(FrameSource source, Path folder) throws VideoException, IOException {
        SamplingResult sampling = sampler.sample(source, policy);
        if (sampling.keyframes().isEmpty()) {
            throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no frame of the video could be decoded");
        }
        List<ExportedFrame> frames = new ArrayList<>(sampling.keyframes().size());
        for (Keyframe k : sampling.keyframes()) {
            Frame f = source.capture(k.ptsS(), maxSide);
            String name = String.format(Locale.ROOT, "frame-%03d.%s", frames.size(), format.extension());
            Files.write(folder.resolve(name), format == Format.PNG ? Images.encodePng(f) : Images.encodeJpeg(f, quality));
            frames.add(new ExportedFrame(name, f.ptsSeconds(), k.sceneStartS(), k.sceneEndS(), f.width(), f.height()));
        }
        return frames;
    }

    /** {@value #METADATA_FILE}'s content. */
    static String metadataJson(VideoInfo video, List<ExportedFrame> frames) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ExportedFrame f : frames) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", f.file());
            m.put("pts_s", f.ptsS());
            m.put("scene", List.of(f.sceneStartS(), f.sceneEndS()));
            m.put("width", f.width());
            m.put("height", f.height());
            list.add(m);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("video", video);
        json.put("frames", list);
        return VerdictJson.toPrettyJson(json);
    }

    private static void requireFree(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new DirectoryNotEmptyException(target + " (the export goes into a new or empty folder)");
                }
            }
        } else if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target + " (the export goes into a new or empty folder)");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Configures a {@link FrameExport}: the decoder (required), and optionally the sampler and its
     * policy, the limits, the format, the JPEG quality and the size. Not thread safe.
     */
    public static final class Builder {
        private VideoDecoder decoder;
        private KeyframeSampler sampler = new SceneSampler();
        private SamplingPolicy policy = SamplingPolicy.DEFAULTS;
        private Limits limits = Limits.DEFAULTS;
        private Format format = Format.JPEG;
        private float quality = DEFAULT_JPEG_QUALITY;
        private int maxSide;

        private Builder() {
        }

        /** The decoder (required), e.g. {@code new FfmpegVideoDecoder()}. */
        public Builder decoder(VideoDecoder d) {
            this.decoder = d;
            return this;
        }

        /** The keyframe sampler; default the built-in scene sampler. */
        public Builder sampler(KeyframeSampler s) {
            this.sampler = Objects.requireNonNull(s, "sampler");
            return this;
        }

        /** Which frames: the sampling policy ({@link SamplingPolicy#DEFAULTS}), as for classification. */
        public Builder policy(SamplingPolicy p) {
            this.policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /** Size, duration, pixel and time limits ({@link Limits#DEFAULTS}). */
        public Builder limits(Limits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /** The image format; default JPEG. */
        public Builder format(Format f) {
            this.format = Objects.requireNonNull(f, "format");
            return this;
        }

        /** JPEG quality in (0, 1] (default {@value FrameExport#DEFAULT_JPEG_QUALITY}). */
        public Builder quality(float q) {
            if (!(q > 0 && q <= 1)) {
                throw new IllegalArgumentException("quality must be in (0,1]");
            }
            this.quality = q;
            return this;
        }

        /** Long side of the written images in pixels, 0 (the default) for the display size. */
        public Builder maxSide(int px) {
            if (px < 0) {
                throw new IllegalArgumentException("maxSide must be >= 0");
            }
            this.maxSide = px;
            return this;
        }

        public FrameExport build() {
            return new FrameExport(this);
        }
    }
}
