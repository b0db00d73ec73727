package dev.videoclass;

import dev.videoclass.spi.KeyframeSampler;
import java.util.List;

/**
 * What a {@link KeyframeSampler} found.
 *
 * @param durationS      duration of the video in seconds
 * @param cuts           all accepted scene cuts in time order (before clamping to the band)
 * @param keyframes      the chosen keyframes in time order, between min and max of the policy
 * @param sampler        how they were found, e.g. {@code "exact"}, {@code "auto:keyframes"},
 *                       with {@code "+even"} when the even-spacing fallback filled in
 * @param framesAnalysed number of analysis frames looked at
 */
public record SamplingResult(double durationS, List<SceneCut> cuts, List<Keyframe> keyframes, String sampler,
                             long framesAnalysed) {
    public SamplingResult {
        cuts = List.copyOf(cuts);
        keyframes = List.copyOf(keyframes);
    }
}
