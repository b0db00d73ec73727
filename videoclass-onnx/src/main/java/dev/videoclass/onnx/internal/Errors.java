package dev.videoclass.onnx.internal;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;

/** The ONNX module's error helpers: a {@code scorer_failed} exception and one-line causes. Stateless. */
public final class Errors {
    private Errors() {
    }

    /** A {@link ErrorCode#SCORER_FAILED} exception with this message. */
    public static VideoException fail(String message) {
        return new VideoException(ErrorCode.SCORER_FAILED, message);
    }

    /** The first line of a throwable's message (its class name when it has none), trimmed. */
    public static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).strip();
    }
}
