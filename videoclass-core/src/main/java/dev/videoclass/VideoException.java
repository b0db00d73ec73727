package dev.videoclass;

import java.util.Objects;

/**
 * A failure with a stable {@link ErrorCode} and a one-line message a person can act on. Thrown by
 * decoders, samplers and scorers; the classifier facades turn it into a failed verdict and never
 * let it escape.
 */
public class VideoException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public VideoException(ErrorCode code, String message) {
        super(oneLine(message));
        this.code = Objects.requireNonNull(code, "code");
    }

    public VideoException(ErrorCode code, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
