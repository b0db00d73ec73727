package dev.videoclass;

/**
 * Stable error codes of a failed verdict (DESIGN section 7). The {@link #code()} string is the
 * wire value in the verdict JSON and never changes.
 */
public enum ErrorCode {
    EMPTY_INPUT("empty_input"),
    UNSUPPORTED_FORMAT("unsupported_format"),
    NO_DECODABLE_FRAMES("no_decodable_frames"),
    TOO_LARGE("too_large"),
    TOO_LONG("too_long"),
    TOO_MANY_PIXELS("too_many_pixels"),
    TIMEOUT("timeout"),
    CANCELLED("cancelled"),
    SCORER_FAILED("scorer_failed"),
    INTERNAL("internal");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The snake_case wire value, e.g. {@code "too_long"}. */
    public String code() {
        return code;
    }
}
