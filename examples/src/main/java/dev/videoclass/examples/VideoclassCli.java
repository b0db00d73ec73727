package dev.videoclass.examples;

import dev.videoclass.ImageClassifier;
import dev.videoclass.ErrorCode;
import dev.videoclass.VerdictStatus;
import dev.videoclass.ImageVerdict;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.Verdict;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.aggregate.Aggregators;
import dev.videoclass.image.Images;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.onnx.OnnxOptions;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.scene.DetectorKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The {@code videoclass} command line: {@code scenes}, {@code classify}, {@code image}, {@code frames},
 * {@code make-sample}, {@code make-demo-model}, {@code backfill}, {@code index}, {@code search},
 * {@code serve} and {@code watch}. JSON goes to
 * standard output; the exit statuses are {@link #EXIT_CODES} (help lists them). {@code -} as the
 * input reads an upload from standard input.
 */
@Command(name = "videoclass", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Turns a video into one content verdict with the same rubric and scorer as photos.")
public final class VideoclassCli implements Callable<Integer> {
    /** Exit status of a failed verdict. */
    static final int EXIT_FAILED = 3;

    /** Every exit status of the CLI and what it means, as help lists them. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(CommandLine.ExitCode.OK), "done (help and --version too)");
        codes.put(Integer.toString(CommandLine.ExitCode.SOFTWARE), "unexpected error (an output file that cannot be written, a bug)");
        codes.put(Integer.toString(CommandLine.ExitCode.USAGE), "usage error (unknown option, bad value, unusable rubric)");
        codes.put(Integer.toString(EXIT_FAILED), "failed verdict: scenes, classify, image, frames, search (the JSON with its error code is still printed); "
                + "watch: the stream could not be watched (a fatal error line)");
        return Collections.unmodifiableMap(codes);
    }

    /**
     * The subcommands, in the order help lists them. Registered lazily ({@link #commandLine}): picocli
     * builds a command's model by reflection, which loads every class its options name, and a run
     * needs only one of them.
     */
    private static final List<String> SUBCOMMANDS = List.of("scenes", "classify", "image", "frames", "make-sample",
            "make-demo-model", "backfill", "index", "search", "serve", "watch");

    /** A new instance of the subcommand {@code name}, or null when there is none of that name. */
    private static Object newSubcommand(String name) {
        return switch (name) {
            case "scenes" -> new Scenes();
            case "classify" -> new Classify();
            case "image" -> new Image();
            case "frames" -> new FramesCommand();
            case "make-sample" -> new MakeSample();
            case "make-demo-model" -> new MakeDemoModel();
            case "backfill" -> new BackfillCommand();
            case "index" -> new IndexCommand();
            case "search" -> new SearchCommand();
            case "serve" -> new ServeCommand();
            case "watch" -> new WatchCommand();
            default -> null;
        };
    }

    /** The commands that decode video or score pictures, for which FFmpeg's natives are loaded early. */
    private static final Set<String> DECODING = Set.of("scenes", "classify", "image", "frames", "backfill", "index",
            "serve", "watch");

    public static void main(String[] args) {
        // A CLI run on a short clip is mostly start-up. FFmpeg's natives (~0.15 s) and the first use
        // of Jackson and of ImageIO's JPEG writer (~0.1 s of class loading each) are done on two
        // more threads while the main one parses the command line and builds the classifier.
        if (args.length > 0 && DECODING.contains(args[0])) {
            inBackground("videoclass-load-ffmpeg", FfmpegVideoDecoder::preload);
        }
        inBackground("videoclass-load-json", () -> {
            VerdictJson.toJson(new Verdict.ErrorInfo(ErrorCode.INTERNAL, ""));
            Images.encodeJpeg(new dev.videoclass.Frame(8, 8, new byte[8 * 8 * 3], 0), 0.85f);
        });
        System.exit(run(args));
    }

    private static void inBackground(String name, Runnable warmUp) {
        Thread t = new Thread(warmUp, name);
        t.setDaemon(true);
        t.start();
    }

    /** Runs the CLI on the process's standard streams and returns the exit status. */
    public static int run(String... args) {
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UsageException) {
                cmd.getErr().println("videoclass: " + ex.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            if (ex instanceof ScorerUnavailable su) {
                // the verdict shape the command would have printed, failed with scorer_failed
                print(cmd.getCommandName().equals("image")
                        ? ImageVerdict.failed(su.cause.code(), su.cause.getMessage(), su.scorer, null, null)
                        : Verdict.failed(su.cause).scorer(su.scorer).build(), false);
                return EXIT_FAILED;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /**
     * The command line for a run whose first argument is {@code first}: only that subcommand when it
     * names one, all of them otherwise (help, version, a mistyped command: their messages list them).
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new VideoclassCli());
        Object one = first == null ? null : newSubcommand(first);
        if (one != null) {
            cl.addSubcommand(first, one);
        } else {
            for (String name : SUBCOMMANDS) {
                cl.addSubcommand(name, newSubcommand(name));
            }
        }
        listExitCodes(cl);
        cl.getSubcommands().values().forEach(VideoclassCli::listExitCodes);
        return cl;
    }

    private static void listExitCodes(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_CODES);
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(commandLine(null),
                "a command is required: " + String.join(", ", SUBCOMMANDS));
    }

    /** The scorer's model cannot be loaded: a failed verdict ({@code scorer_failed}), exit status 3. */
    static final class ScorerUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient VideoException cause;
        final transient Verdict.ScorerInfo scorer;

        ScorerUnavailable(VideoException cause, Verdict.ScorerInfo scorer) {
            super(cause.getMessage(), cause);
            this.cause = cause;
            this.scorer = scorer;
        }
    }

    /** A usage problem found after parsing (bad rubric file, unknown scorer): exit status 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Options shared by the commands that sample keyframes; defaults from {@link SamplingPolicy#DEFAULTS}. */
    static final class SamplingOptions {
        @Option(names = "--sampler", description = "auto, exact, keyframes or uniform (default ${DEFAULT-VALUE})")
        String sampler = SamplingPolicy.DEFAULTS.mode().name().toLowerCase(Locale.ROOT);
        @Option(names = "--min-keyframes", description = "fewest keyframes (default ${DEFAULT-VALUE})")
        int minKeyframes = SamplingPolicy.DEFAULTS.minKeyframes();
        @Option(names = "--max-keyframes", description = "most keyframes (default ${DEFAULT-VALUE})")
        int maxKeyframes = SamplingPolicy.DEFAULTS.maxKeyframes();
        @Option(names = "--threshold", description = "scene-change threshold, 0-255 HSV scale (default ${DEFAULT-VALUE})")
        double threshold = SamplingPolicy.DEFAULTS.threshold();
        @Option(names = "--interval", description = "seconds between frames for --sampler uniform (default ${DEFAULT-VALUE})")
        double interval = SamplingPolicy.DEFAULTS.uniformIntervalS();
        @Option(names = "--detector", paramLabel = "content|adaptive",
                description = "scene detector: content (default) or adaptive, steadier under camera motion (--threshold is content's)")
        String detector;

        SamplingPolicy policy() {
            DetectorKind kind = detector == null ? SamplingPolicy.DEFAULT_DETECTOR : DetectorKind.find(detector)
                    .orElseThrow(() -> new UsageException("unknown detector '" + detector + "' (content, adaptive)"));
            SamplerMode mode = SamplerMode.find(sampler).orElseThrow(() -> new UsageException(
                    "unknown sampler '" + sampler + "' (auto, exact, keyframes, uniform)"));
            try {
                return SamplingPolicy.DEFAULTS.withMode(mode).withDetector(kind)
                        .withBand(minKeyframes, maxKeyframes).withThreshold(threshold).withUniformIntervalS(interval);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    /** Options choosing the scorer and rubric. */
    static final class ScorerOptions {
        @Option(names = "--scorer", defaultValue = "heuristic", description = "heuristic or onnx (default ${DEFAULT-VALUE})")
        String scorer;
        @Option(names = "--model", description = "model directory for --scorer onnx (see make-demo-model)")
        Path model;
        @Option(names = "--provider", defaultValue = "auto",
                description = "ONNX execution provider: auto (CUDA when usable), cuda or cpu (default ${DEFAULT-VALUE})")
        String provider;
        @Option(names = "--batch-size", defaultValue = "16", description = "most keyframes per ONNX run (default ${DEFAULT-VALUE})")
        int batchSize;
        @Option(names = "--rubric", description = "rubric JSON file (default: the scorer's own)")
        Path rubric;
        @Option(names = "--aggregator", defaultValue = "max", description = "max, mean or topK-mean, e.g. top3-mean (default ${DEFAULT-VALUE})")
        String aggregator;

        /**
         * Applies the options to a builder.
         *
         * @throws ScorerUnavailable when the ONNX model cannot be loaded (a failed verdict, exit 3)
         */
        VideoClassifier.Builder configure(VideoClassifier.Builder b) {
            switch (scorer) {
                case "heuristic" -> {
                    // the built-in default
                }
                case "onnx" -> {
                    try {
                        b.scorer(openOnnx());
                    } catch (VideoException e) {
                        throw new ScorerUnavailable(e, info());
                    }
                }
                default -> throw new UsageException("unknown scorer '" + scorer + "' (heuristic, onnx)");
            }
            if (rubric != null) {
                try {
                    b.rubric(Rubric.load(rubric));
                } catch (IOException | IllegalArgumentException e) {
                    throw new UsageException("cannot use rubric " + rubric + ": " + e.getMessage());
                }
            }
            try {
                b.aggregator(Aggregators.parse(aggregator));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return b;
        }

        private OnnxScorer openOnnx() throws VideoException {
            if (model == null) {
                throw new UsageException("--scorer onnx needs --model DIR (make-demo-model DIR writes a demo model)");
            }
            OnnxOptions options;
            try {
                options = OnnxOptions.builder().provider(OnnxOptions.Provider.parse(provider)).maxBatchSize(batchSize).build();
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad ONNX option: --provider auto|cuda|cpu, --batch-size at least 1");
            }
            return OnnxScorer.open(model, options);
        }

        /**
         * Builds the classifier; a rubric that does not fit the scorer's model, or embeddings asked of
         * a scorer that has none, is a usage error.
         */
        VideoClassifier build(VideoClassifier.Builder b) {
            VideoClassifier.Builder configured = configure(b);
            try {
                return configured.build();
            } catch (UnsupportedOperationException e) {
                throw new UsageException(e.getMessage());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new UsageException("the rubric does not fit the scorer: " + e.getMessage());
            }
        }

        Verdict.ScorerInfo info() {
            return new Verdict.ScorerInfo(scorer, null);
        }
    }

    /** The input argument: a path or {@code -} for standard input. */
    static final class InputArg {
        @Parameters(index = "0", paramLabel = "<file|->", description = "video file, or - to read an upload from standard input")
        String input;

        VideoInput videoInput() {
            return "-".equals(input) ? VideoInput.of(System.in) : VideoInput.of(Path.of(input));
        }
    }

    static VideoClassifier.Builder baseBuilder() {
        return VideoClassifier.builder().decoder(new FfmpegVideoDecoder());
    }

    /** The FFmpeg classifier builder with the sampling and limit options applied. */
    static VideoClassifier.Builder baseBuilder(SamplingOptions sampling, LimitOptions limits) {
        return baseBuilder().policy(sampling.policy()).limits(limits.limits());
    }

    static void print(Object json, boolean pretty) {
        System.out.println(pretty ? VerdictJson.toPrettyJson(json) : VerdictJson.toJson(json));
        System.out.flush();
    }

    /** Prints {@code {"status":"failed","error":{code, message}}} for a command without a verdict; returns exit status 3. */
    static int printFailure(VideoException e, boolean pretty) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", VerdictStatus.FAILED);
        json.put("error", new Verdict.ErrorInfo(e.code(), e.getMessage()));
        print(json, pretty);
        return EXIT_FAILED;
    }

    @Command(name = "scenes", mixinStandardHelpOptions = true,
            description = "Scene cuts and chosen keyframes of a video, as JSON.")
    static final class Scenes implements Callable<Integer> {
        @Mixin
        InputArg in;
        @Mixin
        SamplingOptions sampling;
        @Mixin
        LimitOptions limits;
        @Option(names = "--pretty", description = "indent the JSON")
        boolean pretty;

        @Override
        public Integer call() {
            try (VideoClassifier vc = baseBuilder(sampling, limits).build()) {
                SamplingResult r = vc.scenes(in.videoInput());
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("duration_s", r.durationS());
                json.put("cuts_s", r.cuts().stream().map(c -> c.ptsS()).toList());
                json.put("keyframes", r.keyframes().stream().map(k -> Map.of("pts_s", k.ptsS())).toList());
                json.put("sampler", r.sampler());
                json.put("frames_analysed", r.framesAnalysed());
                print(json, pretty);
                return CommandLine.ExitCode.OK;
            } catch (VideoException e) {
                return printFailure(e, pretty);
            }
        }
    }

    @Command(name = "classify", mixinStandardHelpOptions = true,
            description = "Classify a video: verdict JSON (is_explicit, quality_score, scene_tags, poster, keyframes).")
    static final class Classify implements Callable<Integer> {
        @Mixin
        InputArg in;
        @Mixin
        SamplingOptions sampling;
        @Mixin
        ScorerOptions scoring;
        @Mixin
        LimitOptions limits;
        @Option(names = "--poster", description = "also write the poster JPEG to this file")
        Path poster;
        @Option(names = "--embeddings", description = "add each keyframe's scene and image embedding and the embedding_model"
                + " (a zero-shot model: --scorer onnx)")
        boolean embeddings;
        @Option(names = "--pretty", description = "indent the JSON")
        boolean pretty;

        @Override
        public Integer call() throws IOException {
            try (VideoClassifier vc = scoring.build(baseBuilder(sampling, limits).embeddings(embeddings))) {
                Verdict v = vc.classify(in.videoInput());
                if (poster != null && v.posterJpeg() != null) {
                    Files.write(poster, v.posterJpeg());
                }
                print(v, pretty);
                return v.isDone() ? CommandLine.ExitCode.OK : EXIT_FAILED;
            }
        }
    }

    @Command(name = "image", mixinStandardHelpOptions = true,
            description = "The frame verdict of a still image, through the image path (same scorer and rubric).")
    static final class Image implements Callable<Integer> {
        @Mixin
        InputArg in;
        @Mixin
        ScorerOptions scoring;
        @Option(names = "--pretty", description = "indent the JSON")
        boolean pretty;

        @Override
        public Integer call() throws IOException {
            try (VideoClassifier vc = scoring.build(baseBuilder())) {
                ImageClassifier images = vc.images();
                ImageVerdict v = "-".equals(in.input) ? images.classify(System.in.readAllBytes())
                        : images.classify(Path.of(in.input));
                print(v, pretty);
                return v.isDone() ? CommandLine.ExitCode.OK : EXIT_FAILED;
            }
        }
    }
}
