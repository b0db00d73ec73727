package dev.videoclass.ffmpeg.internal;

import dev.videoclass.spi.PacketInfo.PictureType;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParserContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads the picture type of a video packet from its headers with FFmpeg's parser for the codec
 * ({@code av_parser_parse2}, each packet a complete frame): the slice type of H.264 and HEVC, the
 * frame type of MPEG-4 Part 2, VP9 and AV1. Nothing is decoded: the parser reads parameter sets and
 * slice headers only (under 0.1 ms a packet). A codec without a parser, or a packet the parser does
 * not type, gives {@link PictureType#UNKNOWN}.
 *
 * <p>Owns a parser and a codec context of its own (the parser may write stream facts into the
 * context, which must not be a decoder's); {@link #close()} frees both. Used by one thread at a time.
 */
final class PictureTypes implements AutoCloseable {
    private AVCodecParserContext parser;
    private AVCodecContext context;
    private final PointerPointer<BytePointer> out = new PointerPointer<>(1);
    private final IntPointer outSize = new IntPointer(1);
    private boolean closed;

    PictureTypes(ProbedStream stream) {
        AVCodecParserContext p = avcodec.av_parser_init(stream.codecpar.codec_id());
        if (p == null || p.isNull()) {
            return;
        }
        AVCodecContext c = avcodec.avcodec_alloc_context3(null);
        if (c == null || c.isNull() || avcodec.avcodec_parameters_to_context(c, stream.codecpar) < 0) {
            avcodec.av_parser_close(p);
            CodecContexts.free(c == null || c.isNull() ? null : c);
            return;
        }
        p.flags(p.flags() | AVCodecParserContext.PARSER_FLAG_COMPLETE_FRAMES);
        parser = p;
        context = c;
    }

    /** The picture type of {@code pkt} (left as it is). */
    PictureType of(AVPacket pkt) {
        if (parser == null || closed || pkt.size() <= 0) {
            return PictureType.UNKNOWN;
        }
        parser.pict_type(avutil.AV_PICTURE_TYPE_NONE);
        avcodec.av_parser_parse2(parser, context, out, outSize, pkt.data(), pkt.size(), pkt.pts(), pkt.dts(),
                pkt.pos());
        return switch (parser.pict_type()) {
            case avutil.AV_PICTURE_TYPE_I, avutil.AV_PICTURE_TYPE_SI -> PictureType.I;
            case avutil.AV_PICTURE_TYPE_P, avutil.AV_PICTURE_TYPE_SP, avutil.AV_PICTURE_TYPE_S -> PictureType.P;
            case avutil.AV_PICTURE_TYPE_B, avutil.AV_PICTURE_TYPE_BI -> PictureType.B;
            default -> PictureType.UNKNOWN;
        };
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (parser != null) {
            avcodec.av_parser_close(parser);
            parser = null;
        }
        context = CodecContexts.free(context);
        out.close();
        outSize.close();
    }
}
