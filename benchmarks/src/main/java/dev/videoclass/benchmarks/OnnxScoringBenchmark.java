package dev.videoclass.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.videoclass.Frame;
import dev.videoclass.onnx.OnnxOptions;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.onnx.demo.DemoModel;
import dev.videoclass.rubric.Rubric;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Question: how much of ONNX scoring is our own work (preprocessing, batching, mapping) rather than
 * ONNX Runtime's run? Three measurements of one batch of full-HD keyframes on the demo model
 * (384×384, so400m-shaped stem) on the CPU provider:
 * <ul>
 *   <li>{@code prepare}: resize + crop of each keyframe ({@code FrameScorer.prepare});</li>
 *   <li>{@code score}: planar normalisation into the reused buffer, the run, and the cosine mapping;</li>
 *   <li>{@code ortRun}: the bare {@code OrtSession.run} on an already filled tensor — the reference.</li>
 * </ul>
 * Our overhead is {@code prepare + score - ortRun}; the target is under 10 % of {@code ortRun}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class OnnxScoringBenchmark {
    @Param({"1", "8"})
    public int batch;

    @Param({"1920x1080"})
    public String keyframe;

    private Path dir;
    private OnnxScorer scorer;
    private Rubric rubric;
    private List<Frame> full;
    private List<Frame> prepared;
    private OrtSession session;
    private OnnxTensor pixels;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("videoclass-bench-model");
        DemoModel.write(dir);
        OnnxOptions options = OnnxOptions.builder().provider(OnnxOptions.Provider.CPU).build();
        scorer = OnnxScorer.open(dir, options);
        rubric = scorer.bind(scorer.defaultRubric());
        String[] wh = keyframe.split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        Random r = new Random(7);
        full = new ArrayList<>();
        prepared = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            byte[] rgb = new byte[w * h * 3];
            r.nextBytes(rgb);
            Frame f = new Frame(w, h, rgb, i);
            full.add(f);
            prepared.add(scorer.prepare(f));
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setOptimizationLevel(options.optimization());
        session = env.createSession(dir.resolve("vision_model.onnx").toString(), so);
        int n = batch * 3 * DemoModel.SIZE * DemoModel.SIZE;
        FloatBuffer buf = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < n; i++) {
            buf.put(i, r.nextFloat() * 2 - 1);
        }
        pixels = OnnxTensor.createTensor(env, buf, new long[] {batch, 3, DemoModel.SIZE, DemoModel.SIZE});
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        pixels.close();
        session.close();
        scorer.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** Resize of every keyframe of the batch to the model's input. */
    @Benchmark
    public Object prepare() {
        List<Frame> out = new ArrayList<>(batch);
        for (Frame f : full) {
            out.add(scorer.prepare(f));
        }
        return out;
    }

    /** Normalisation into the buffer, the run, and the label mapping. */
    @Benchmark
    public Object score() throws Exception {
        return scorer.score(prepared, rubric);
    }

    /** The bare ONNX Runtime run: the reference. */
    @Benchmark
    public Object ortRun() throws Exception {
        try (OrtSession.Result r = session.run(Map.of("pixel_values", pixels))) {
            return r.get(0).getValue();
        }
    }
}
