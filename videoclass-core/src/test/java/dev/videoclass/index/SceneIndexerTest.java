package dev.videoclass.index;

import dev.videoclass.EmbeddingColourScorer;
import dev.videoclass.ErrorCode;
import dev.videoclass.FakeVideo;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.VideoDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Indexing a folder: each content once with all its paths, resumable, failures left for the next run. */
class SceneIndexerTest {
    static final int[] RED = {255, 0, 0};
    static final int[] GREEN = {0, 200, 0};
    static final int[] BLUE = {0, 0, 255};

    @TempDir
    Path dir;
    final AtomicInteger opened = new AtomicInteger();

    /** A file's first byte picks its video: 1 red then green, 2 green then blue, 3 blue; files named bad* fail. */
    final VideoDecoder decoder = new VideoDecoder() {
        final Map<Integer, FakeVideo> videos = Map.of(1, new FakeVideo(10, RED, GREEN), 2, new FakeVideo(10, GREEN, BLUE),
                3, new FakeVideo(10, BLUE));

        @Override
        public String id() {
            return "by-first-byte";
        }

        @Override
        public FrameSource open(VideoInput input, DecodeOptions options) throws VideoException {
            opened.incrementAndGet();
            Path p = ((VideoInput.FileInput) input).path();
            if (p.getFileName().toString().startsWith("bad")) {
                throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "not a video");
            }
            try {
                return videos.get((int) Files.readAllBytes(p)[0]).open(input, options);
            } catch (java.io.IOException e) {
                throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, e.getMessage());
            }
        }
    };

    VideoClassifier classifier(boolean embeddings) {
        return VideoClassifier.builder().decoder(decoder).sampler(FakeVideo.perSecondSampler())
                .scorer(new EmbeddingColourScorer()).embeddings(embeddings).build();
    }

    @BeforeEach
    void files() throws Exception {
        Files.write(dir.resolve("red-green.mp4"), new byte[] {1});
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/copy.MOV"), new byte[] {1});
        Files.write(dir.resolve("green-blue.mkv"), new byte[] {2});
        Files.write(dir.resolve("blue.webm"), new byte[] {3});
        Files.write(dir.resolve("bad.mp4"), new byte[] {4});
        Files.writeString(dir.resolve("notes.txt"), "not a video");
    }

    @Test
    void indexesEachContentOnceWithAllItsPathsAndFindsScenesByColour() throws Exception {
        InMemorySceneIndex index = new InMemorySceneIndex();
        EmbeddingColourScorer words = new EmbeddingColourScorer();
        SceneIndexer.Summary s = new SceneIndexer(classifier(true), index, 2, null).run(dir);
        assertThat(s.files()).isEqualTo(5);
        assertThat(s.contents()).isEqualTo(4);
        assertThat(s.added()).isEqualTo(3);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.present()).isZero();
        assertThat(s.scenes()).isEqualTo(5);
        assertThat(index.videos()).isEqualTo(3);
        assertThat(index.embeddingModel()).contains("colour-embedding-test");

        List<SceneHit> red = index.search("colour-embedding-test", words.embedText("red"), 3, 0);
        assertThat(red.get(0).paths()).containsExactly(dir.resolve("red-green.mp4").toString(), dir.resolve("sub/copy.MOV").toString());
        assertThat(red.get(0).sceneStartS()).isEqualTo(0.0);
        SceneHit blue = index.search("colour-embedding-test", words.embedText("blue"), 1, 0).get(0);
        assertThat(blue.paths()).hasSize(1);
        assertThat(blue.explicit()).isFalse();
    }

    @Test
    void aSecondRunAddsNothingButRetriesFailuresAndRecordsNewPaths() throws Exception {
        InMemorySceneIndex index = new InMemorySceneIndex();
        VideoClassifier vc = classifier(true);
        new SceneIndexer(vc, index, 1, null).run(dir);
        int openedFirst = opened.get();
        Files.write(dir.resolve("another-copy.mp4"), new byte[] {3});
        SceneIndexer.Summary again = new SceneIndexer(vc, index, 1, null).run(dir);
        assertThat(again.added()).isZero();
        assertThat(again.present()).isEqualTo(3);
        assertThat(again.failed()).isEqualTo(1);
        assertThat(opened.get() - openedFirst).as("only the failed file is opened again").isEqualTo(1);
        String blueHash = dev.videoclass.store.ContentHash.of(new byte[] {3});
        assertThat(index.paths(blueHash).orElseThrow()).hasSize(2);
    }

    @Test
    void aClassifierWithoutEmbeddingsIsRefusedWithAReason() {
        assertThatThrownBy(() -> new SceneIndexer(classifier(false), new InMemorySceneIndex(), 1, null).run(dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embeddings");
    }
}
