package dev.videoclass.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A way phones encode video, used to turn a still picture into a calibration video: codec, container
 * and colour encoding as the picture is converted and as the file says it was.
 *
 * <p>Every encoding writes 8-bit 4:2:0 ({@code yuv420p}), limited ("tv") range, at
 * {@value #FRAME_RATE} frames per second. The RGB&rarr;YUV matrix used by the conversion and the
 * colour tags written into the stream always agree: BT.709 pictures are converted with the BT.709
 * matrix and tagged {@code bt709} (matrix, primaries, transfer); BT.601 pictures are converted with
 * the BT.601 matrix and tagged {@code smpte170m}, as phones tag SD video. A decoder that honours the
 * tags therefore gets the picture's colours back.
 *
 * <p>H.264 goes into MP4 (libx264, high profile, CRF 18); HEVC goes into QuickTime with the
 * {@code hvc1} sample entry, as iPhones write it (libx265, CRF 20). The arguments need an FFmpeg built
 * with libx264 and libx265 (a GPL build).
 *
 * <p>Immutable and thread safe.
 */
public enum PhoneEncoding {
    /** H.264 in MP4, BT.709 (HD phone video). */
    H264_BT709("h264-bt709", Codec.H264, Matrix.BT709),
    /** H.264 in MP4, BT.601 / SMPTE 170M (SD phone video). */
    H264_BT601("h264-bt601", Codec.H264, Matrix.BT601),
    /** HEVC in QuickTime ({@code hvc1}), BT.709 (iPhone HEVC). */
    HEVC_BT709("hevc-bt709", Codec.HEVC, Matrix.BT709),
    /** HEVC in QuickTime ({@code hvc1}), BT.601 / SMPTE 170M. */
    HEVC_BT601("hevc-bt601", Codec.HEVC, Matrix.BT601);

    /** Frame rate of the videos, in frames per second. */
    public static final int FRAME_RATE = 30;

    private enum Codec {
        H264("h264", ".mp4", "mp4",
                List.of("-c:v", "libx264", "-preset", "medium", "-crf", "18", "-profile:v", "high")),
        HEVC("hevc", ".mov", "mov",
                List.of("-c:v", "libx265", "-preset", "medium", "-crf", "20", "-tag:v", "hvc1",
                        "-x265-params", "log-level=error"));

        final String name;
        final String extension;
        final String muxer;
        final List<String> args;

        Codec(String name, String extension, String muxer, List<String> args) {
            this.name = name;
            this.extension = extension;
            this.muxer = muxer;
            this.args = args;
        }
    }

    private enum Matrix {
        // scale's name for the matrix, then FFmpeg's names for the tags
        BT709("bt709", "bt709"),
        BT601("bt601", "smpte170m");

        final String scaleMatrix;
        final String tag;

        Matrix(String scaleMatrix, String tag) {
            this.scaleMatrix = scaleMatrix;
            this.tag = tag;
        }
    }

    private final String id;
    private final Codec codec;
    private final Matrix matrix;

    PhoneEncoding(String id, Codec codec, Matrix matrix) {
        this.id = id;
        this.codec = codec;
        this.matrix = matrix;
    }

    /** The wire name, e.g. {@code "h264-bt709"}: used in configuration and reports. */
    public String id() {
        return id;
    }

    /**
     * The encoding with wire name {@code id} (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the known ones
     */
    public static PhoneEncoding parse(String id) {
        if (id != null) {
            String s = id.trim().toLowerCase(Locale.ROOT);
            for (PhoneEncoding e : values()) {
                if (e.id.equals(s)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("unknown phone encoding '" + id + "'; known: "
                + Arrays.stream(values()).map(PhoneEncoding::id).collect(Collectors.joining(", ")));
    }

    /** File name extension of the container, with the dot: {@code ".mp4"} (H.264) or {@code ".mov"} (HEVC). */
    public String extension() {
        return codec.extension;
    }

    /** The codec as FFmpeg/ffprobe name it: {@code "h264"} or {@code "hevc"}. */
    public String codecName() {
        return codec.name;
    }

    /**
     * The colour tags written into the stream as FFmpeg/ffprobe name them ({@code color_space},
     * {@code color_primaries} and {@code color_transfer} are all equal): {@code "bt709"} or
     * {@code "smpte170m"}.
     */
    public String colourTag() {
        return matrix.tag;
    }

    /**
     * The ffmpeg output options (after the input, before the output file): conversion filter, encoder,
     * colour tags and container. For example, for {@link #H264_BT709}:
     * <pre>
     * -vf scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,setparams=range=tv:colorspace=bt709:color_primaries=bt709:color_trc=bt709
     * -c:v libx264 -preset medium -crf 18 -profile:v high
     * -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -f mp4
     * </pre>
     * The list is a fresh copy the caller may change.
     */
    public List<String> ffmpegArguments() {
        List<String> a = new ArrayList<>();
        a.add("-vf");
        // setparams: FFmpeg 7.1 takes the encoder's colour properties from the filtered frames and
        // ignores -color_primaries/-color_trc (and -colorspace) when the frames carry other values;
        // scale sets only matrix and range, so without it primaries and transfer come out "unknown".
        // The output options stay for FFmpeg versions that do honour them.
        a.add("scale=out_color_matrix=" + matrix.scaleMatrix + ":out_range=tv,format=yuv420p,setparams=range=tv"
                + ":colorspace=" + matrix.tag + ":color_primaries=" + matrix.tag + ":color_trc=" + matrix.tag);
        a.addAll(codec.args);
        a.addAll(List.of("-colorspace", matrix.tag, "-color_primaries", matrix.tag, "-color_trc", matrix.tag,
                "-color_range", "tv"));
        a.addAll(List.of("-f", codec.muxer));
        return a;
    }
}
