package dev.videoclass.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class ResampleFilterTest {

    @Test
    void pillowCodesMapToTheirFilters() {
        // PIL.Image.Resampling: NEAREST 0, LANCZOS 1, BILINEAR 2, BICUBIC 3, BOX 4, HAMMING 5
        assertThat(ResampleFilter.fromPillowCode(0)).isEqualTo(ResampleFilter.NEAREST);
        assertThat(ResampleFilter.fromPillowCode(1)).isEqualTo(ResampleFilter.LANCZOS);
        assertThat(ResampleFilter.fromPillowCode(2)).isEqualTo(ResampleFilter.BILINEAR);
        assertThat(ResampleFilter.fromPillowCode(3)).isEqualTo(ResampleFilter.BICUBIC);
        assertThat(ResampleFilter.fromPillowCode(4)).isEqualTo(ResampleFilter.BOX);
        assertThat(ResampleFilter.fromPillowCode(5)).isEqualTo(ResampleFilter.HAMMING);
    }

    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void pillowCodeRoundTrips(ResampleFilter filter) {
        assertThat(ResampleFilter.fromPillowCode(filter.pillowCode())).isSameAs(filter);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 6, 7, 42, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void unknownCodesAreRejectedWithTheCode(int code) {
        assertThatThrownBy(() -> ResampleFilter.fromPillowCode(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pillow resample code " + code)
                .hasMessageContaining("BICUBIC");
    }

    @Test
    void supportsArePillows() {
        assertThat(ResampleFilter.BOX.support()).isEqualTo(0.5);
        assertThat(ResampleFilter.BILINEAR.support()).isEqualTo(1.0);
        assertThat(ResampleFilter.HAMMING.support()).isEqualTo(1.0);
        assertThat(ResampleFilter.BICUBIC.support()).isEqualTo(2.0);
        assertThat(ResampleFilter.LANCZOS.support()).isEqualTo(3.0);
        assertThat(ResampleFilter.NEAREST.support()).isEqualTo(0.0);
    }

    @ParameterizedTest
    @EnumSource(value = ResampleFilter.class, names = "NEAREST", mode = EnumSource.Mode.EXCLUDE)
    void kernelsArePillowsAndVanishOutsideTheirSupport(ResampleFilter filter) {
        assertThat(filter.weight(0)).isEqualTo(1.0);
        for (double x = -4; x <= 4; x += 0.0625) {
            assertThat(filter.weight(x)).as("%s(%s)", filter, x)
                    .isEqualTo(PillowReference.kernel(filter.pillowCode(), x));
            if (Math.abs(x) > filter.support()) {
                assertThat(filter.weight(x)).isZero();
            }
        }
    }

    @Test
    void interpolatingKernelsVanishAtNonZeroIntegers() {
        for (int k = 1; k <= 3; k++) {
            assertThat(ResampleFilter.LANCZOS.weight(k)).isCloseTo(0, offset(1e-15));
            assertThat(ResampleFilter.LANCZOS.weight(-k)).isCloseTo(0, offset(1e-15));
            assertThat(ResampleFilter.BICUBIC.weight(k)).isZero();
            assertThat(ResampleFilter.HAMMING.weight(k)).isZero();
        }
    }

    @Test
    void edgeConventionsFollowPillow() {
        // BOX is (-0.5, 0.5], LANCZOS is [-3, 3)
        assertThat(ResampleFilter.BOX.weight(-0.5)).isZero();
        assertThat(ResampleFilter.BOX.weight(0.5)).isEqualTo(1.0);
        assertThat(ResampleFilter.LANCZOS.weight(3.0)).isZero();
        // HAMMING uses the float constants 0.54f and 0.46f
        double x = 0.5 * Math.PI;
        assertThat(ResampleFilter.HAMMING.weight(0.5))
                .isEqualTo(StrictMath.sin(x) / x * ((double) 0.54f + (double) 0.46f * StrictMath.cos(x)));
    }

    @Test
    void nearestHasNoKernel() {
        assertThatThrownBy(() -> ResampleFilter.NEAREST.weight(0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
