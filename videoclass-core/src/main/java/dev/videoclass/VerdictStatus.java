package dev.videoclass;

import java.util.Locale;

/**
 * Whether a video or image was classified. A {@link #FAILED} verdict carries an
 * {@link Verdict.ErrorInfo} and no decision; consumers check the status before reading one.
 */
public enum VerdictStatus {
    /** Classified: the decision fields are present. */
    DONE,
    /** Not classified: the error says why. */
    FAILED;

    /** The lower-case wire value in the verdict JSON, {@code "done"} or {@code "failed"}; never changes. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire value, so that messages read as the JSON does. */
    @Override
    public String toString() {
        return code();
    }

    /**
     * The status with this wire value.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static VerdictStatus fromCode(String code) {
        for (VerdictStatus s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown verdict status '" + code + "' (done, failed)");
    }
}
