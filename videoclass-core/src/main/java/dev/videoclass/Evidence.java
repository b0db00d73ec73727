package dev.videoclass;

import java.util.List;
import java.util.Map;

/**
 * Which keyframes decided the verdict: the timestamps (seconds) of the keyframes that on their own
 * reach the explicit threshold, and per scene tag those that reach the tag threshold, strongest
 * first. Empty lists when the decision is negative.
 */
public record Evidence(List<Double> explicit, Map<String, List<Double>> tags) {
    public static final Evidence NONE = new Evidence(List.of(), Map.of());

    public Evidence {
        explicit = List.copyOf(explicit);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }
}
