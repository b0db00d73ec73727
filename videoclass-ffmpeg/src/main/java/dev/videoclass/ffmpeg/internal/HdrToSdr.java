package dev.videoclass.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_ARIB_STD_B67;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE2084;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;

import java.util.Locale;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tone-maps HDR pictures (PQ / SMPTE ST 2084 and HLG / ARIB STD-B67, as phones record them: iPhones
 * since the 12 write HLG HEVC by default) to SDR BT.709, so that a keyframe is scored as the SDR
 * picture a photo of the scene would be, not as washed-out, desaturated code values.
 *
 * <p>The chain is libavfilter's {@code zscale} (zimg) and {@code tonemap}: linear light with HDR
 * reference white (203 cd/m², ITU-R BT.2408) at SDR white, BT.2020 to BT.709 primaries, the Möbius
 * curve (linear up to 70 % of white, brighter values compressed smoothly instead of clipped, no
 * desaturation), BT.709 transfer, full-range 8-bit RGB planes. SDR content mastered into HLG or PQ
 * comes back within about 6 levels (mean absolute difference, 0–255) of the original, where the
 * HDR code values read as SDR are 31 (HLG) to 45 (PQ) levels off; HDR highlights roll off. Of the
 * curves measured on that round trip, clipping came closest (5.2) but flattens every highlight;
 * Möbius from 30 % gave 8.8, Reinhard 14, Hable 37 (it darkens the mid-tones).
 *
 * <p>One graph per picture geometry and format, rebuilt when either changes. Not thread safe: each
 * {@link ToneMapping} has its own. If the graph cannot be built or fails (an FFmpeg without
 * zimg), the failure is logged once and {@link #convert} returns null for pictures of that kind: the
 * caller converts them as they are.
 */
final class HdrToSdr implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HdrToSdr.class);

    private AVFilterGraph graph;
    private AVFilterContext source;
    private AVFilterContext sink;
    private String configuredFor;
    /** The geometry, format and chain whose graph failed; tried again for any other. */
    private String failedFor;
    private final AVFrame out = avutil.av_frame_alloc();

    /** Whether a picture is PQ or HLG: its own transfer characteristic, else the stream's. */
    static boolean isHdr(AVFrame picture, int streamTransfer) {
        int trc = picture.color_trc();
        if (trc == AVCOL_TRC_UNSPECIFIED) {
            trc = streamTransfer;
        }
        return trc == AVCOL_TRC_SMPTE2084 || trc == AVCOL_TRC_ARIB_STD_B67;
    }

    /**
     * The SDR version of {@code hdr} (left untouched), as a frame owned by this converter and valid
     * until the next call; null when the filter graph is not available.
     */
    AVFrame convert(AVFrame hdr, int streamTransfer, int streamPrimaries, int streamMatrix) {
        int trc = hdr.color_trc() != AVCOL_TRC_UNSPECIFIED ? hdr.color_trc() : streamTransfer;
        int pri = hdr.color_primaries() != AVCOL_PRI_UNSPECIFIED ? hdr.color_primaries() : streamPrimaries;
        int spc = hdr.colorspace() != AVCOL_SPC_UNSPECIFIED ? hdr.colorspace() : streamMatrix;
        String filters = chain(trc, pri, spc, hdr.color_range() == AVCOL_RANGE_JPEG, hdr.width(), hdr.height());
        String key = hdr.width() + "x" + hdr.height() + ":" + hdr.format() + ":" + filters;
        if (key.equals(failedFor)) {
            return null;
        }
        try {
            if (!key.equals(configuredFor)) {
                configure(hdr, filters);
                configuredFor = key;
            }
            check(avfilter.av_buffersrc_add_frame_flags(source, hdr, avfilter.AV_BUFFERSRC_FLAG_KEEP_REF),
                    "av_buffersrc_add_frame_flags");
            avutil.av_frame_unref(out);
            check(avfilter.av_buffersink_get_frame(sink, out), "av_buffersink_get_frame");
            return out;
        } catch (IllegalStateException | LinkageError e) {
            if (failedFor == null) {
                LOG.warn("HDR pictures converted without tone mapping: {}", e.getMessage());
            }
            failedFor = key;
            freeGraph();
            return null;
        }
    }

    /**
     * The filter chain for one source transfer, primaries, matrix and range. An odd width or height
     * loses its last column or row first: zimg needs whole chroma samples (AV1 and VP9 allow odd
     * sizes); the capture is scaled to its size afterwards anyway.
     */
    static String chain(int transfer, int primaries, int matrix, boolean fullRange, int width, int height) {
        String tin = transfer == AVCOL_TRC_SMPTE2084 ? "smpte2084" : "arib-std-b67";
        // HDR video without primaries or matrix tags is BT.2020 in practice
        String pin = primaries == AVCOL_PRI_BT709 ? "bt709" : "bt2020";
        String min = matrix == AVCOL_SPC_BT709 ? "bt709" : "bt2020nc";
        String even = width % 2 == 0 && height % 2 == 0 ? ""
                : String.format(Locale.ROOT, "crop=%d:%d:0:0,", width & ~1, height & ~1);
        return even + String.format(Locale.ROOT,
                "zscale=tin=%s:pin=%s:min=%s:rin=%s:t=linear:npl=203,format=gbrpf32le,zscale=p=bt709,"
                        + "tonemap=tonemap=mobius:param=0.7:desat=0,zscale=t=bt709:m=bt709:r=pc,format=gbrp",
                tin, pin, min, fullRange ? "pc" : "tv");
    }

    private void configure(AVFrame like, String filters) {
        freeGraph();
        graph = avfilter.avfilter_graph_alloc();
        if (graph == null || graph.isNull()) {
            throw new IllegalStateException("avfilter_graph_alloc failed");
        }
        int sarNum = Math.max(1, like.sample_aspect_ratio().num());
        int sarDen = Math.max(1, like.sample_aspect_ratio().den());
        String args = String.format(Locale.ROOT, "video_size=%dx%d:pix_fmt=%d:time_base=1/1000:pixel_aspect=%d/%d",
                like.width(), like.height(), like.format(), sarNum, sarDen);
        AVFilterContext src = new AVFilterContext();
        check(avfilter.avfilter_graph_create_filter(src, avfilter.avfilter_get_by_name("buffer"), "in", args,
                null, graph), "buffer source");
        AVFilterContext snk = new AVFilterContext();
        check(avfilter.avfilter_graph_create_filter(snk, avfilter.avfilter_get_by_name("buffersink"), "out", null,
                null, graph), "buffer sink");
        AVFilterInOut outputs = avfilter.avfilter_inout_alloc();
        AVFilterInOut inputs = avfilter.avfilter_inout_alloc();
        try {
            outputs.name(avutil.av_strdup(new BytePointer("in"))).filter_ctx(src).pad_idx(0).next(null);
            inputs.name(avutil.av_strdup(new BytePointer("out"))).filter_ctx(snk).pad_idx(0).next(null);
            check(avfilter.avfilter_graph_parse_ptr(graph, filters, inputs, outputs, null), "the filter chain");
        } finally {
            avfilter.avfilter_inout_free(inputs);
            avfilter.avfilter_inout_free(outputs);
        }
        check(avfilter.avfilter_graph_config(graph, null), "avfilter_graph_config");
        source = src;
        sink = snk;
    }

    private static void check(int ret, String what) {
        if (ret < 0) {
            throw new IllegalStateException(what + ": " + NativeCalls.avError(ret));
        }
    }

    private void freeGraph() {
        if (graph != null) {
            avfilter.avfilter_graph_free(graph);
            graph = null;
        }
        source = null;
        sink = null;
        configuredFor = null;
    }

    @Override
    public void close() {
        freeGraph();
        avutil.av_frame_free(out);
    }
}
