package dev.videoclass;

/**
 * Stable error codes of a failed verdict (DESIGN section 7). The {@link #code()} string is the
 * wire value in the verdict JSON and never changes.
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
}
