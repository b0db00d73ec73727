package dev.videoclass.calibrate;

import dev.videoclass.Frame;
import dev.videoclass.spi.FrameScorer;
import dev.videoclass.ImageClassifier;
import dev.videoclass.KeyframeVerdict;
import dev.videoclass.Limits;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.Verdict;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoException;
import dev.videoclass.calibrate.CalibrationReport.Decisions;
import dev.videoclass.calibrate.CalibrationReport.ItemDecision;
import dev.videoclass.calibrate.CalibrationReport.LabelThresholds;
import dev.videoclass.calibrate.CalibrationReport.PixelParity;
import dev.videoclass.calibrate.CalibrationReport.ThresholdPoint;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.heuristic.HeuristicScorer;
import dev.videoclass.image.FrameOps;
import dev.videoclass.image.Images;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.Judgement;
import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Checks that the video path stays calibrated against the image path, with no Maven in sight (the
 * {@code calibrate} goal only maps its parameters onto {@link CalibrationSettings}):
 * <ol>
 *   <li><b>pixel parity</b> — each calibration picture is judged through the image path and, encoded
 *       by {@link StillVideoEncoder} into each {@link PhoneEncoding}, through the video path; every
 *       label's |Δscore| must stay within {@code maxScoreDelta} and the frame verdicts must match;</li>
 *   <li><b>decision parity</b> — every item's verdict against the manifest: agreement of
 *       {@code is_explicit} and tags, and the false-positive rate of MAX over a video's keyframes
 *       against the single-picture rate (within {@code fprBand}), per keyframe band;</li>
 *   <li><b>thresholds</b> — precision and recall per label across thresholds, and the threshold that
 *       meets {@code targetFpr}.</li>
 * </ol>
 * One engine runs once; not thread safe.
 */
public final class CalibrationEngine {
    private final CalibrationSettings settings;
    private final StillVideoEncoder encoder;

    /**
     * @param settings what to check
     * @param encoder  how pictures become videos (usually {@link FfmpegStillEncoder#fromClasspath()})
     */
    public CalibrationEngine(CalibrationSettings settings, StillVideoEncoder encoder) {
        this.settings = settings;
        this.encoder = encoder;
    }

    /**
     * Runs every check, writes {@code calibration.json}, {@code calibration.md} and a chart under the
     * report directory, and returns the report. Breaches are in the report, not exceptions.
     *
     * @throws IOException    when the set, the rubric or the reports cannot be read or written
     * @throws VideoException when the scorer cannot be opened or cannot score a picture of the set
     */
    public CalibrationReport run() throws IOException, VideoException {
        try (FrameScorer scorer = openScorer()) {
            return run(scorer);
        }
    }

    /**
     * As {@link #run()}, with the caller's scorer instead of the one the settings name (their
     * {@code scorer} and {@code modelDir} are not used): e.g. a production scorer made by the
     * user's own factory. The report names {@code scorer}'s id and execution provider. The scorer
     * stays the caller's to close.
     *
     * @throws IOException    when the set, the rubric or the reports cannot be read or written
     * @throws VideoException when the scorer cannot score a picture of the set
     */
    public CalibrationReport run(FrameScorer scorer) throws IOException, VideoException {
        CalibrationSet set = CalibrationSet.load(settings.calibrationSet());
        Path work = Files.createDirectories(settings.reportDir().resolve("work"));
        Rubric requested = settings.rubricFile() == null ? null : Rubric.load(settings.rubricFile());
        ImageClassifier images = new ImageClassifier(scorer, requested, Limits.DEFAULTS);
        Rubric rubric = images.rubric();
        List<String> breaches = new ArrayList<>();

        List<PixelParity> parity = new ArrayList<>();
        Map<CalibrationSet.Item, Judgement> pictureVerdicts = new LinkedHashMap<>();
        VideoClassifier videoPath = videoClassifier(scorer, rubric, SamplingPolicy.DEFAULTS);
        for (CalibrationSet.Item item : set.items()) {
            if (item.isImage()) {
                Frame picture = evenCrop(Images.decode(Files.readAllBytes(item.file()), Limits.DEFAULTS.maxPixels()));
                Judgement still = images.judge(picture);
                pictureVerdicts.put(item, still);
                Path png = work.resolve(stem(item) + ".png");
                ImageIO.write(Images.toImage(picture), "png", png.toFile());
                for (PhoneEncoding encoding : settings.encodings()) {
                    parity.add(pixelParity(item, picture, still, png, encoding, videoPath, work, rubric, breaches));
                }
            }
        }
        double maxDelta = parity.stream().mapToDouble(PixelParity::maxDelta).max().orElse(0.0);

        Decisions decisions = decisions(set, pictureVerdicts, scorer, rubric, breaches);
        List<LabelThresholds> thresholds = thresholds(set, decisions, rubric);
        CalibrationReport report = new CalibrationReport(breaches.isEmpty(), maxDelta,
                new CalibrationReport.Tolerances(settings.maxScoreDelta(), settings.minAgreement(), settings.fprBand(),
                        settings.targetFpr()),
                Map.of("id", String.valueOf(scorer.id()), "provider", String.valueOf(scorer.executionProvider())),
                Map.of("id", rubric.id(), "hash", rubric.contentHash()),
                parity, decisions, thresholds, List.copyOf(breaches));
        ReportWriter.write(report, settings.reportDir());
        return report;
    }

    private PixelParity pixelParity(CalibrationSet.Item item, Frame picture, Judgement still, Path png,
                                    PhoneEncoding encoding, VideoClassifier videoPath, Path work, Rubric rubric,
                                    List<String> breaches) throws IOException {
        Path video = work.resolve(stem(item) + "-" + encoding.id() + encoding.extension());
        encoder.encode(png, encoding, 1.0, video);
        Verdict v = videoPath.classify(video);
        Map<String, Double> deltas = new LinkedHashMap<>();
        for (String label : rubric.labelIds()) {
            deltas.put(label, 0.0);
        }
        boolean agree = v.isDone();
        if (!v.isDone()) {
            breaches.add(String.format(Locale.ROOT, "pixel parity: %s as %s: the video path failed (%s: %s)",
                    item.name(), encoding.id(), v.error().code(), v.error().message()));
        } else {
            for (KeyframeVerdict k : v.keyframes()) {
                for (String label : rubric.labelIds()) {
                    double d = Math.abs(k.scores().get(label) - still.scores().get(label));
                    deltas.merge(label, d, Math::max);
                }
                agree &= k.isExplicit() == still.isExplicit() && k.tags().equals(still.tags());
            }
        }
        String worst = null;
        double max = 0;
        for (Map.Entry<String, Double> e : deltas.entrySet()) {
            if (worst == null || e.getValue() > max) {
                worst = e.getKey();
                max = e.getValue();
            }
            if (e.getValue() > settings.maxScoreDelta()) {
                breaches.add(String.format(Locale.ROOT, "pixel parity: %s as %s: label '%s' |Δscore| %.6f > tolerance %.4f",
                        item.name(), encoding.id(), e.getKey(), e.getValue(), settings.maxScoreDelta()));
            }
        }
        if (v.isDone() && !agree) {
            breaches.add(String.format(Locale.ROOT, "pixel parity: %s as %s: the frame verdict differs from the picture's",
                    item.name(), encoding.id()));
        }
        return new PixelParity(item.name(), encoding.id(), max, worst, deltas, agree);
    }

    private Decisions decisions(CalibrationSet set, Map<CalibrationSet.Item, Judgement> pictures, FrameScorer scorer,
                                Rubric rubric, List<String> breaches) {
        int defaultMax = SamplingPolicy.DEFAULTS.maxKeyframes();
        List<ItemDecision> perItem = new ArrayList<>();
        Map<String, int[]> flaggedByBand = new LinkedHashMap<>();
        int explicitMatches = 0, tagMatches = 0, tagDecisions = 0;
        int safeImages = 0, flaggedImages = 0, safeKeyframes = 0, flaggedKeyframes = 0;
        List<String> tagLabels = labelsWithRole(rubric, LabelRole.TAG);
        for (CalibrationSet.Item item : set.items()) {
            ItemDecision d;
            if (item.isImage()) {
                Judgement v = pictures.get(item);
                d = new ItemDecision(item.name(), "image", item.explicit(), v.isExplicit(), v.explicitScore(), item.tags(),
                        v.tags(), v.scores(), null);
                if (!item.explicit()) {
                    safeImages++;
                    flaggedImages += v.isExplicit() ? 1 : 0;
                }
            } else {
                Verdict main = null;
                for (int band : settings.keyframeBands()) {
                    Verdict v = videoClassifier(scorer, rubric, SamplingPolicy.DEFAULTS.withBand(1, band)).classify(item.file());
                    if (!item.explicit() && v.isDone()) {
                        int[] counts = flaggedByBand.computeIfAbsent(Integer.toString(band), k -> new int[2]);
                        counts[0]++;
                        counts[1] += v.isExplicit() ? 1 : 0;
                    }
                    if (band == defaultMax || main == null) {
                        main = v;
                    }
                }
                if (!settings.keyframeBands().contains(defaultMax)) {
                    main = videoClassifier(scorer, rubric, SamplingPolicy.DEFAULTS).classify(item.file());
                }
                if (!main.isDone()) {
                    breaches.add("decision: " + item.name() + " could not be classified (" + main.error().code() + ": "
                            + main.error().message() + ")");
                    perItem.add(new ItemDecision(item.name(), "video", item.explicit(), null, 0, item.tags(), List.of(),
                            Map.of(), main.error().code().code()));
                    continue;
                }
                if (!item.explicit()) {
                    for (KeyframeVerdict k : main.keyframes()) {
                        safeKeyframes++;
                        flaggedKeyframes += k.isExplicit() ? 1 : 0;
                    }
                }
                d = new ItemDecision(item.name(), "video", item.explicit(), main.isExplicit(), main.explicitScore(),
                        item.tags(), main.sceneTags(), main.scores(), null);
            }
            perItem.add(d);
            explicitMatches += d.isExplicit() == item.explicit() ? 1 : 0;
            for (String tag : tagLabels) {
                tagDecisions++;
                tagMatches += item.tags().contains(tag) == d.tags().contains(tag) ? 1 : 0;
            }
        }
        int judged = (int) perItem.stream().filter(d -> d.error() == null).count();
        double explicitAgreement = ratio(explicitMatches, judged);
        double tagAgreement = tagDecisions == 0 ? 1.0 : ratio(tagMatches, tagDecisions);
        double agreement = ratio(explicitMatches + tagMatches, judged + tagDecisions);
        Double imageFpr = safeImages == 0 ? null : ratio(flaggedImages, safeImages);
        Double keyframeFpr = safeKeyframes == 0 ? null : ratio(flaggedKeyframes, safeKeyframes);
        Map<String, Double> fprByBand = new LinkedHashMap<>();
        flaggedByBand.forEach((band, c) -> fprByBand.put(band, ratio(c[1], c[0])));
        Double videoFpr = fprByBand.get(Integer.toString(defaultMax));
        if (videoFpr == null && !fprByBand.isEmpty()) {
            videoFpr = fprByBand.values().iterator().next();
        }
        Double single = imageFpr != null ? imageFpr : keyframeFpr;
        if (agreement < settings.minAgreement()) {
            breaches.add(String.format(Locale.ROOT, "decision: agreement with the manifest %.4f < minimum %.4f",
                    agreement, settings.minAgreement()));
        }
        if (videoFpr != null && single != null && videoFpr - single > settings.fprBand()) {
            breaches.add(String.format(Locale.ROOT,
                    "decision: label 'explicit' false-positive rate of MAX over keyframes %.4f exceeds the single-picture rate %.4f by %.4f > band %.4f",
                    videoFpr, single, videoFpr - single, settings.fprBand()));
        }
        return new Decisions(perItem.size(), explicitAgreement, tagAgreement, agreement, imageFpr, keyframeFpr, videoFpr,
                single, fprByBand, perItem);
    }

    private List<LabelThresholds> thresholds(CalibrationSet set, Decisions decisions, Rubric rubric) {
        List<LabelThresholds> out = new ArrayList<>();
        List<ItemDecision> judged = decisions.perItem().stream().filter(d -> d.error() == null).toList();
        out.add(thresholdsOf("explicit", judged, ItemDecision::explicitScore, ItemDecision::labelExplicit));
        for (String tag : labelsWithRole(rubric, LabelRole.TAG)) {
            out.add(thresholdsOf(tag, judged, d -> d.scores().getOrDefault(tag, 0.0), d -> d.labelTags().contains(tag)));
        }
        return out;
    }

    private LabelThresholds thresholdsOf(String label, List<ItemDecision> items, ToDoubleFunction<ItemDecision> score,
                                         java.util.function.Predicate<ItemDecision> positive) {
        int positives = (int) items.stream().filter(positive).count();
        int negatives = items.size() - positives;
        List<ThresholdPoint> points = new ArrayList<>();
        Double forTarget = null;
        for (int step = 0; step <= 20; step++) {
            double t = step / 20.0;
            int tp = 0, fp = 0;
            for (ItemDecision d : items) {
                if (score.applyAsDouble(d) >= t) {
                    if (positive.test(d)) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
            }
            Double precision = tp + fp == 0 ? null : ratio(tp, tp + fp);
            Double recall = positives == 0 ? null : ratio(tp, positives);
            Double fpr = negatives == 0 ? null : ratio(fp, negatives);
            points.add(new ThresholdPoint(t, precision, recall, fpr));
            if (forTarget == null && fpr != null && fpr <= settings.targetFpr()) {
                forTarget = t;
            }
        }
        return new LabelThresholds(label, positives, negatives, points, forTarget);
    }

    private FrameScorer openScorer() throws VideoException {
        return settings.scorer().equals("onnx") ? OnnxScorer.open(settings.modelDir()) : new HeuristicScorer();
    }

    /** A video path on the shared scorer (not closed with it: the engine closes the scorer). */
    private static VideoClassifier videoClassifier(FrameScorer scorer, Rubric rubric, SamplingPolicy policy) {
        return VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).scorer(scorer).rubric(rubric).policy(policy)
                .posterMaxSide(0).build();
    }

    private static List<String> labelsWithRole(Rubric rubric, LabelRole role) {
        List<String> out = new ArrayList<>();
        for (RubricLabel l : rubric.labels()) {
            if (l.role() == role) {
                out.add(l.id());
            }
        }
        return out;
    }

    /** yuv420p needs even sizes: drop the last column or row where odd, for both paths alike. */
    private static Frame evenCrop(Frame f) {
        return FrameOps.crop(f, 0, 0, f.width() & ~1, f.height() & ~1);
    }

    private static String stem(CalibrationSet.Item item) {
        String name = item.name();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0.0 : (double) a / b;
    }
}
