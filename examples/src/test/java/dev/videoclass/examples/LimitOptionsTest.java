package dev.videoclass.examples;

import dev.videoclass.Limits;
import dev.videoclass.SamplingPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limit and sampling options map onto {@link Limits} and {@link SamplingPolicy}, defaults included. */
class LimitOptionsTest {
    static VideoclassCli.Classify parse(String... args) {
        VideoclassCli.Classify classify = new VideoclassCli.Classify();
        new picocli.CommandLine(classify).parseArgs(args);
        return classify;
    }

    @Test
    void withoutFlagsTheLimitsAndPolicyAreTheLibraryDefaults() {
        VideoclassCli.Classify c = parse("clip.mp4");
        assertThat(c.limits.limits()).isEqualTo(Limits.DEFAULTS);
        assertThat(c.sampling.policy()).isEqualTo(SamplingPolicy.DEFAULTS);
    }

    @Test
    void eachFlagSetsItsLimit() {
        Limits l = parse("clip.mp4", "--max-duration", "700", "--timeout", "2.5", "--max-size-mb", "3", "--max-pixels", "4096")
                .limits.limits();
        assertThat(l).isEqualTo(new Limits(3L * 1024 * 1024, 700, 4096, Duration.ofMillis(2500)));
    }

    @Test
    void aLimitThatIsNotPositiveIsAUsageError() {
        assertThatThrownBy(() -> parse("clip.mp4", "--timeout", "0").limits.limits())
                .isInstanceOf(VideoclassCli.UsageException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> parse("clip.mp4", "--max-duration", "-1").limits.limits())
                .isInstanceOf(VideoclassCli.UsageException.class);
    }

    @Test
    void aSizeTooLargeForALongIsAUsageErrorNotACrash() {
        assertThatThrownBy(() -> parse("clip.mp4", "--max-size-mb", Long.toString(Long.MAX_VALUE)).limits.limits())
                .isInstanceOf(VideoclassCli.UsageException.class).hasMessageContaining("--max-size-mb");
        for (String[] args : new String[][] {{"serve", "--max-upload-mb", Long.toString(Long.MAX_VALUE)},
                {"serve", "--workers", "0"}, {"serve", "--queue", "0"}}) {
            assertThat(VideoclassCli.run(args)).as(String.join(" ", args)).isEqualTo(picocli.CommandLine.ExitCode.USAGE);
        }
    }

    @Test
    void everyDecodingCommandTakesTheLimitFlags() {
        for (String command : new String[] {"scenes", "classify", "frames", "backfill", "index", "serve"}) {
            String help = VideoclassCli.commandLine(command).getSubcommands().get(command).getUsageMessage();
            assertThat(help).as(command).contains("--max-duration=SECONDS", "--timeout=SECONDS", "--max-size-mb=MIB",
                    "--max-pixels=PIXELS", "Exit status:");
        }
    }
}
