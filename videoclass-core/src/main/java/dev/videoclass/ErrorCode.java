package dev.videoclass;

/**
 * Stable error codes of a failed verdict. The {@link #code()} string is the wire value in the
 * verdict JSON and never changes.
 */
public enum ErrorCode {
    /** The input has no bytes. */
    EMPTY_INPUT("empty_input"),
    /**
     * Not a video in an accepted container, no video stream, no decoder for its codec, a refused
     * container (playlists, concat scripts), or a file that cannot be read.
     */
    UNSUPPORTED_FORMAT("unsupported_format"),
    /** A recognised container whose video packets do not decode to a single frame. */
    NO_DECODABLE_FRAMES("no_decodable_frames"),
    /** More bytes than {@link Limits#maxBytes()}. */
    TOO_LARGE("too_large"),
    /** Longer than {@link Limits#maxDurationS()}. */
    TOO_LONG("too_long"),
    /** Frames larger than {@link Limits#maxPixels()}. */
    TOO_MANY_PIXELS("too_many_pixels"),
    /** The work took longer than {@link Limits#decodeTimeout()}. */
    TIMEOUT("timeout"),
    /** The caller cancelled the classification. */
    CANCELLED("cancelled"),
    /** The scorer could not score the keyframes (model error, rubric it cannot serve). */
    SCORER_FAILED("scorer_failed"),
    /** A bug: an unexpected failure inside the library; the message names it. */
    INTERNAL("internal");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The snake_case wire value, e.g. {@code "too_long"}. */
    public String code() {
        return code;
    }

    /**
     * Whether the failure may not recur on the same bytes: {@link #TIMEOUT}, {@link #CANCELLED} and
     * {@link #INTERNAL}. Stores never keep such verdicts, so a later run tries again.
     */
    public boolean isTransient() {
        return this == TIMEOUT || this == CANCELLED || this == INTERNAL;
    }

    /** The wire value, so that messages read as the JSON does. */
    @Override
    public String toString() {
        return code;
    }

    /**
     * The code with this wire value.
     *
     * @throws IllegalArgumentException for an unknown value
     */
    public static ErrorCode fromCode(String code) {
        for (ErrorCode c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown error code '" + code + "'");
    }
}
