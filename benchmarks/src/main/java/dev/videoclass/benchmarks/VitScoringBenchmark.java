package dev.videoclass.benchmarks;

import dev.videoclass.Frame;
import dev.videoclass.onnx.OnnxOptions;
import dev.videoclass.onnx.OnnxScorer;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Question: how many keyframes per second does a SigLIP-so400m-sized model score, per batch size and
 * precision, on the GPU (or the CPU)? One {@code OnnxScorer.score} call of {@code batch} prepared
 * 384×384 keyframes on {@link VitShapedModel} (random weights, the real compute). Keyframes/s is
 * {@code batch / time}. The model is written once per depth and precision under
 * {@code java.io.tmpdir} and reused.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar VitScoringBenchmark -p provider=cuda -p precision=fp32,fp16 -p batch=1,8,32
 * java -jar benchmarks/target/benchmarks.jar VitScoringBenchmark -p provider=cpu -p depth=2 -p batch=1   # a CPU smoke run
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class VitScoringBenchmark {
    @Param({"cuda"})
    public String provider;
    @Param({"fp32", "fp16"})
    public String precision;
    @Param({"1", "8", "32"})
    public int batch;
    @Param({"27"})
    public int depth;

    private OnnxScorer scorer;
    private Rubric rubric;
    private List<Frame> prepared;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        boolean fp16 = precision.equals("fp16");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "videoclass-vit-" + depth + (fp16 ? "-fp16" : "-fp32"));
        if (!Files.isRegularFile(dir.resolve("rubric.json"))) {
            VitShapedModel.write(dir, depth, fp16);
        }
        scorer = OnnxScorer.open(dir, OnnxOptions.builder().provider(OnnxOptions.Provider.parse(provider))
                .maxBatchSize(batch).build());
        rubric = scorer.bind(scorer.defaultRubric());
        Random r = new Random(3);
        prepared = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            byte[] rgb = new byte[VitShapedModel.SIZE * VitShapedModel.SIZE * 3];
            r.nextBytes(rgb);
            prepared.add(new Frame(VitShapedModel.SIZE, VitShapedModel.SIZE, rgb, i));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scorer.close();
    }

    /** One batched scoring run (normalisation, ONNX Runtime, mapping). */
    @Benchmark
    public Object score() throws Exception {
        return scorer.score(prepared, rubric);
    }
}
