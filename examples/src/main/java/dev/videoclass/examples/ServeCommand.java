package dev.videoclass.examples;

import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.jobs.VideoJobs;
import dev.videoclass.spi.FrameEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code videoclass serve --port N}: runs {@link VideoService} until the process is stopped
 * (Ctrl-C or SIGTERM drain the jobs and release every native resource). With {@code --index DIR}
 * (and a zero-shot {@code --model}) it keeps a scene index of the videos it classifies and answers
 * {@code GET /search}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the example HTTP service: a page at / that uploads videos and shows their verdicts, POST /classify-video,"
                + " GET /jobs/{id}, POST /classify-video/sync, GET /health, GET /search (with --index).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "port, 0 for any free one (default ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default ${DEFAULT-VALUE}, loopback)")
    String host;
    @Option(names = "--workers", defaultValue = "2", description = "videos classified at once (default ${DEFAULT-VALUE})")
    int workers;
    @Option(names = "--queue", defaultValue = "64", description = "jobs that may wait; more get 503 (default ${DEFAULT-VALUE})")
    int queue;
    @Option(names = "--index", paramLabel = "DIR",
            description = "keep a scene index of the classified videos in DIR and serve GET /search (needs --scorer onnx)")
    Path indexDir;
    @Option(names = "--thumbnail-px", paramLabel = "PX", defaultValue = "" + KeyframeThumbnails.DEFAULT_MAX_SIDE,
            description = "longer side of the keyframe thumbnails at GET /jobs/{id}/keyframes/{i}.jpg that the page at / shows;"
                    + " 16 to 640, 0: none (default ${DEFAULT-VALUE})")
    int thumbnailPx;
    @Option(names = "--max-upload-mb", paramLabel = "MIB",
            description = "largest upload in MiB; larger ones get 413 (default: --max-size-mb)")
    Long maxUploadMb;
    @Mixin
    VideoclassCli.SamplingOptions sampling;
    @Mixin
    VideoclassCli.ScorerOptions scoring;
    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() throws Exception {
        long maxUploadBytes = maxUploadMb == null ? limits.limits().maxBytes()
                : LimitOptions.mebibytes("--max-upload-mb", maxUploadMb);
        if (workers < 1 || queue < 1) {
            throw new VideoclassCli.UsageException("--workers and --queue must be at least 1");
        }
        if (thumbnailPx != 0 && (thumbnailPx < 16 || thumbnailPx > 640)) { // 256 uploads of them stay in memory
            throw new VideoclassCli.UsageException("--thumbnail-px must be 0 or from 16 to 640");
        }
        VideoClassifier classifier = scoring.build(VideoclassCli.baseBuilder(sampling, limits).embeddings(indexDir != null));
        SceneSearch scenes;
        try {
            scenes = indexDir == null ? null : sceneSearch(classifier);
        } catch (RuntimeException | java.io.IOException e) {
            classifier.close();
            throw e;
        }
        KeyframeThumbnails thumbnails = thumbnailPx == 0 ? null
                : new KeyframeThumbnails(classifier, new FfmpegVideoDecoder(), thumbnailPx);
        VideoJobs jobs = VideoJobs.builder(thumbnails == null ? classifier : thumbnails).workers(workers).queueCapacity(queue)
                .ownsClassifier(true).build();
        VideoService service = new VideoService(jobs, host, port, maxUploadBytes, scenes, thumbnails);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "videoclass-serve-stop"));
        // the port on stdout, one line, for whoever started the service
        System.out.println("{\"listening\":\"http://" + host + ":" + service.port() + "\"}");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The scene index in {@link #indexDir}, which must hold the classifier's model (or none yet). */
    private SceneSearch sceneSearch(VideoClassifier classifier) throws java.io.IOException {
        FrameEmbedder embedder = classifier.embedder().orElseThrow();
        return new SceneSearch(IndexCommand.openIndex(indexDir, embedder.modelId()), embedder);
    }
}
