package dev.videoclass.aggregate;

import dev.videoclass.spi.AggregateVerdict;
import dev.videoclass.spi.Aggregator;
import dev.videoclass.Evidence;
import dev.videoclass.Judgement;
import dev.videoclass.KeyframeVerdict;
import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The built-in aggregators. Each reduces every label score and the explicit score across keyframes
 * with one function; {@code is_explicit} and the tags then follow from the rubric's thresholds on
 * the reduced scores, so MAX means "explicit if any keyframe is". The quality score is the mean of
 * the keyframes' quality whatever the aggregator: a video's quality is its typical frame, not its
 * best. Evidence lists the keyframes that reach a threshold on their own, strongest first.
 */
public final class Aggregators {
    private Aggregators() {
    }

    /** The default: a label is as strong as its strongest keyframe. */
    public static Aggregator max() {
        return new Reducing("max", v -> Arrays.stream(v).max().orElse(0));
    }

    /** The mean over all keyframes: one explicit keyframe among many may not make the video explicit. */
    public static Aggregator mean() {
        return new Reducing("mean", v -> Arrays.stream(v).average().orElse(0));
    }

    /** The mean of the {@code k} strongest keyframes per label (k = 1 is {@link #max()}). */
    public static Aggregator topKMean(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        return new Reducing("top" + k + "-mean", v -> {
            double[] s = v.clone();
            Arrays.sort(s);
            int n = Math.min(k, s.length);
            double sum = 0;
            for (int i = s.length - n; i < s.length; i++) {
                sum += s[i];
            }
            return n == 0 ? 0 : sum / n;
        });
    }

    /** Parses {@code max}, {@code mean} or {@code topK-mean} / {@code top-k:K}. */
    public static Aggregator parse(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("max")) {
            return max();
        }
        if (n.equals("mean")) {
            return mean();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("top-?(?:k:)?(\\d+)(?:-mean)?").matcher(n);
        if (m.matches()) {
            return topKMean(Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("unknown aggregator '" + name + "' (max, mean, top3-mean)");
    }

    private record Reducing(String id, ToDoubleFunction<double[]> reduce) implements Aggregator {

        @Override
        public AggregateVerdict aggregate(List<KeyframeVerdict> keyframes, Rubric rubric) {
            if (keyframes.isEmpty()) {
                throw new IllegalArgumentException("no keyframes to aggregate");
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            List<String> tags = new ArrayList<>();
            Map<String, List<Double>> tagEvidence = new LinkedHashMap<>();
            for (RubricLabel label : rubric.labels()) {
                double s = reduce.applyAsDouble(column(keyframes, k -> k.scores().getOrDefault(label.id(), 0.0)));
                scores.put(label.id(), s);
                if (label.role() == LabelRole.TAG && s >= rubric.tagThreshold()) {
                    tags.add(label.id());
                    tagEvidence.put(label.id(), strongest(keyframes,
                            k -> k.scores().getOrDefault(label.id(), 0.0), rubric.tagThreshold()));
                }
            }
            double explicitScore = reduce.applyAsDouble(column(keyframes, KeyframeVerdict::explicitScore));
            boolean explicit = explicitScore >= rubric.explicitThreshold();
            List<Double> explicitEvidence = explicit
                    ? strongest(keyframes, KeyframeVerdict::explicitScore, rubric.explicitThreshold())
                    : List.of();
            double quality = Arrays.stream(column(keyframes, KeyframeVerdict::qualityScore)).average().orElse(0.5);
            return new AggregateVerdict(new Judgement(scores, explicitScore, explicit, quality, tags),
                    new Evidence(explicitEvidence, tagEvidence));
        }

        private static double[] column(List<KeyframeVerdict> keyframes, ToDoubleFunction<KeyframeVerdict> f) {
            double[] v = new double[keyframes.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = f.applyAsDouble(keyframes.get(i));
            }
            return v;
        }

        /** Timestamps of keyframes reaching {@code threshold} on their own, strongest first. */
        private static List<Double> strongest(List<KeyframeVerdict> keyframes, ToDoubleFunction<KeyframeVerdict> f,
                                              double threshold) {
            return keyframes.stream()
                    .filter(k -> f.applyAsDouble(k) >= threshold)
                    .sorted(Comparator.comparingDouble(f).reversed())
                    .map(KeyframeVerdict::ptsS)
                    .toList();
        }
    }
}
