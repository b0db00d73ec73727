package dev.videoclass.examples;

import dev.videoclass.VerdictStatus;
import dev.videoclass.ErrorCode;
import dev.videoclass.Limits;
import dev.videoclass.Verdict;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutation test: valid videos of every container with bytes overwritten, runs of bytes zeroed,
 * and cuts at random points, classified as uploads. Every one must end in a verdict — done, or
 * failed with a stable code — quickly, with no exception and no crash (a native crash would take
 * the test JVM down and fail the build).
 */
class CorruptInputTest {
    private static final int MUTANTS_PER_CODEC = 90;
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::code)
            .collect(Collectors.toSet());

    @TempDir
    static Path dir;
    static final Map<TestVideos.Codec, byte[]> ORIGINALS = new EnumMap<>(TestVideos.Codec.class);
    static VideoClassifier classifier;

    @BeforeAll
    static void writeVideos() throws Exception {
        for (TestVideos.Codec c : TestVideos.Codec.values()) {
            Path p = TestVideos.video().size(160, 120).segments(2, 0.8).codec(c)
                    .writeTo(dir.resolve("orig-" + c.name().toLowerCase() + "." + c.extension));
            ORIGINALS.put(c, Files.readAllBytes(p));
        }
        classifier = VideoClassifier.builder().decoder(new FfmpegVideoDecoder())
                .limits(Limits.DEFAULTS.withDecodeTimeout(Duration.ofSeconds(10))).posterMaxSide(160).build();
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @ParameterizedTest
    @EnumSource(TestVideos.Codec.class)
    void corruptedUploadsEndInVerdicts(TestVideos.Codec codec) {
        byte[] original = ORIGINALS.get(codec);
        Random random = new Random(codec.ordinal() * 7919L);
        int done = 0;
        for (int i = 0; i < MUTANTS_PER_CODEC; i++) {
            byte[] mutant = mutate(original, random, i);
            long t0 = System.nanoTime();
            Verdict v = classifier.classify(VideoInput.of(mutant));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(v.status()).as("mutant %d", i).isIn(VerdictStatus.DONE, VerdictStatus.FAILED);
            if (v.isDone()) {
                done++;
                assertThat(v.keyframes()).isNotEmpty();
                assertThat(v.isExplicit()).isNotNull();
            } else {
                assertThat(v.error().code().code()).as("mutant %d: %s", i, v.error().message()).isIn(CODES)
                        .isNotEqualTo(ErrorCode.INTERNAL.code());
                assertThat(v.error().message()).doesNotContain("\n");
            }
            assertThat(ms).as("mutant %d took %d ms", i, ms).isLessThan(10_000);
        }
        // the mutations are not all fatal: most damaged files still give a verdict
        assertThat(done).isPositive();
    }

    /** Every third mutant is cut short; the others get scattered random bytes or a zeroed run. */
    private static byte[] mutate(byte[] original, Random random, int i) {
        byte[] m = original.clone();
        switch (i % 3) {
            case 0 -> {
                return Arrays.copyOf(m, 1 + random.nextInt(m.length - 1));
            }
            case 1 -> {
                // half of the flips land in the first 5 %: container and codec headers
                int flips = 1 + random.nextInt(20);
                int head = Math.max(1, m.length / 20);
                for (int k = 0; k < flips; k++) {
                    m[random.nextInt(k % 2 == 0 ? head : m.length)] = (byte) random.nextInt(256);
                }
            }
            default -> {
                int start = random.nextInt(m.length);
                int len = Math.min(m.length - start, 1 + random.nextInt(2048));
                Arrays.fill(m, start, start + len, (byte) 0);
            }
        }
        return m;
    }
}
