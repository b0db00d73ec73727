package dev.videoclass.examples;

import dev.videoclass.Limits;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The limit options of every command that decodes video ({@code scenes}, {@code classify},
 * {@code backfill}, {@code serve}), mapped onto {@link Limits}. The defaults are
 * {@link Limits#DEFAULTS}'s: the fields start from them, so help shows them and they live in one
 * place. A picocli mixin; not thread safe.
 */
final class LimitOptions {
    private static final long MIB = 1024L * 1024L;

    @Option(names = "--max-duration", paramLabel = "SECONDS",
            description = "longest video accepted, in seconds; longer ones fail with too_long (default ${DEFAULT-VALUE})")
    double maxDurationS = Limits.DEFAULTS.maxDurationS();

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "wall-clock limit for one video's probe, decode and capture, in seconds; then timeout (default ${DEFAULT-VALUE})")
    double timeoutS = Limits.DEFAULTS.decodeTimeout().toMillis() / 1000.0;

    @Option(names = "--max-size-mb", paramLabel = "MIB",
            description = "largest input accepted, in MiB; larger ones fail with too_large (default ${DEFAULT-VALUE})")
    long maxSizeMb = Limits.DEFAULTS.maxBytes() / MIB;

    @Option(names = "--max-pixels", paramLabel = "PIXELS",
            description = "largest frame accepted, width times height; larger ones fail with too_many_pixels (default ${DEFAULT-VALUE})")
    long maxPixels = Limits.DEFAULTS.maxPixels();

    /** The limits the options describe; a value that is not positive is a usage error. */
    Limits limits() {
        if (!(maxDurationS > 0 && timeoutS > 0 && maxSizeMb > 0 && maxPixels > 0)) {
            throw new VideoclassCli.UsageException(
                    "--max-duration, --timeout, --max-size-mb and --max-pixels must be positive");
        }
        return new Limits(mebibytes("--max-size-mb", maxSizeMb), maxDurationS, maxPixels,
                Duration.ofMillis(Math.max(1, Math.round(timeoutS * 1000))));
    }

    /** {@code mib} MiB in bytes; a usage error when it is not positive or does not fit a long. */
    static long mebibytes(String option, long mib) {
        if (mib < 1 || mib > Long.MAX_VALUE / MIB) {
            throw new VideoclassCli.UsageException(option + " must be between 1 and " + Long.MAX_VALUE / MIB);
        }
        return mib * MIB;
    }
}
