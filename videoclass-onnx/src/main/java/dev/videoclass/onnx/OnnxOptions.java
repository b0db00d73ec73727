package dev.videoclass.onnx;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

import java.util.Objects;

/**
 * How {@link OnnxScorer} runs its model: which execution provider, how many threads, which graph
 * optimisations, how many frames per run. Immutable; build with {@link #builder()}.
 *
 * @param provider        {@link Provider#AUTO} (CUDA when usable, else CPU), or one forced provider
 * @param cudaDevice      CUDA device index for the CUDA provider
 * @param intraOpThreads  threads inside one operator on the CPU provider; 0 lets ONNX Runtime choose
 * @param interOpThreads  threads across independent operators; 0 lets ONNX Runtime choose
 * @param optimization    ONNX Runtime graph optimisation level
 * @param maxBatchSize    most frames in one run; larger batches are split into several runs
 */
public record OnnxOptions(Provider provider, int cudaDevice, int intraOpThreads, int interOpThreads,
                          OptLevel optimization, int maxBatchSize) {

    /** Execution provider choice. */
    public enum Provider {
        /** CUDA when the CUDA provider loads (driver, CUDA 12 and cuDNN 9 libraries present), else CPU, with a log line. */
        AUTO,
        /** CUDA only: opening the scorer fails when the CUDA provider cannot load. */
        CUDA,
        /** CPU only, even on a machine with a GPU. */
        CPU;

        /** Parses {@code auto}, {@code cuda} or {@code cpu} (any case). */
        public static Provider parse(String s) {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** AUTO provider, device 0, ONNX Runtime's thread defaults, all optimisations, batches of 16. */
    public static final OnnxOptions DEFAULTS = builder().build();

    public OnnxOptions {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(optimization, "optimization");
        if (cudaDevice < 0 || intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("device and thread counts must not be negative");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1");
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.provider = provider;
        b.cudaDevice = cudaDevice;
        b.intraOpThreads = intraOpThreads;
        b.interOpThreads = interOpThreads;
        b.optimization = optimization;
        b.maxBatchSize = maxBatchSize;
        return b;
    }

    /** Builder of {@link OnnxOptions}; not thread safe. */
    public static final class Builder {
        private Provider provider = Provider.AUTO;
        private int cudaDevice;
        private int intraOpThreads;
        private int interOpThreads;
        private OptLevel optimization = OptLevel.ALL_OPT;
        private int maxBatchSize = 16;

        private Builder() {
        }

        public Builder provider(Provider p) {
            this.provider = p;
            return this;
        }

        public Builder cudaDevice(int index) {
            this.cudaDevice = index;
            return this;
        }

        public Builder intraOpThreads(int n) {
            this.intraOpThreads = n;
            return this;
        }

        public Builder interOpThreads(int n) {
            this.interOpThreads = n;
            return this;
        }

        public Builder optimization(OptLevel level) {
            this.optimization = level;
            return this;
        }

        public Builder maxBatchSize(int n) {
            this.maxBatchSize = n;
            return this;
        }

        public OnnxOptions build() {
            return new OnnxOptions(provider, cudaDevice, intraOpThreads, interOpThreads, optimization, maxBatchSize);
        }
    }
}
