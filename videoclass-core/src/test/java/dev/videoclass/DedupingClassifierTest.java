package dev.videoclass;

import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;
import dev.videoclass.rubric.ScoreMode;
import dev.videoclass.store.ContentHash;
import dev.videoclass.store.DedupingClassifier;
import dev.videoclass.store.InMemoryVerdictStore;
import dev.videoclass.store.JsonLinesVerdictStore;
import dev.videoclass.store.VerdictKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Dedup: one classification per content, keyed on content, scorer and rubric; the JSON-lines store survives a restart. */
class DedupingClassifierTest {
    static final int[] BLUE = {0, 0, 200};
    static final int[] RED = {200, 0, 0};

    @TempDir
    Path tmp;

    static VideoClassifier classifier(FakeVideo video, Rubric rubric) {
        return VideoClassifier.builder().decoder(video).sampler(FakeVideo.perSecondSampler()).scorer(new ColourScorer())
                .rubric(rubric).posterMaxSide(64).build();
    }

    @Test
    void theSameBytesAreClassifiedOnceAndADifferentRubricOrContentIsNotReused() throws Exception {
        FakeVideo video = new FakeVideo(10, BLUE, RED);
        Path a = Files.write(tmp.resolve("a.mp4"), new byte[] {1, 2, 3});
        Path copy = Files.write(tmp.resolve("copy-of-a.mov"), new byte[] {1, 2, 3});
        Path b = Files.write(tmp.resolve("b.mp4"), new byte[] {1, 2, 4});
        InMemoryVerdictStore store = new InMemoryVerdictStore(100);
        try (VideoClassifier vc = classifier(video, null)) {
            DedupingClassifier dedup = new DedupingClassifier(vc, store);
            DedupingClassifier.Result first = dedup.classify(a);
            DedupingClassifier.Result again = dedup.classify(copy);
            DedupingClassifier.Result other = dedup.classify(b);
            assertThat(first.reused()).isFalse();
            assertThat(again.reused()).isTrue();
            assertThat(again.contentHash()).isEqualTo(first.contentHash()).isEqualTo(ContentHash.of(new byte[] {1, 2, 3}));
            assertThat(again.verdict()).isEqualTo(first.verdict());
            assertThat(other.reused()).isFalse();
            assertThat(store.size()).isEqualTo(2);
        }
        Rubric edited = Rubric.of("colours-2", ScoreMode.DIRECT, List.of(new RubricLabel("red", "red", LabelRole.EXPLICIT),
                new RubricLabel("blue", "blue", LabelRole.TAG)), 0.5, 0.5);
        try (VideoClassifier vc = classifier(video, edited)) {
            DedupingClassifier.Result underNewRubric = new DedupingClassifier(vc, store).classify(a);
            assertThat(underNewRubric.reused()).as("a new rubric re-classifies").isFalse();
        }
        assertThat(store.find(new VerdictKey(ContentHash.of(a), "another-scorer", "x"))).isEmpty();
    }

    @Test
    void transientFailuresAreNotKeptSoALaterRunRetries() throws Exception {
        FakeVideo video = new FakeVideo(10, BLUE);
        video.failOnOpen = new VideoException(ErrorCode.TIMEOUT, "took too long");
        InMemoryVerdictStore store = new InMemoryVerdictStore(10);
        try (VideoClassifier vc = classifier(video, null)) {
            DedupingClassifier dedup = new DedupingClassifier(vc, store);
            assertThat(dedup.classify(new byte[] {9}).verdict().error().code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(store.size()).isZero();
            video.failOnOpen = new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "not a video");
            dedup.classify(new byte[] {9});
            assertThat(store.size()).as("a permanent failure is kept").isEqualTo(1);
            assertThat(dedup.classify(new byte[] {9}).reused()).isTrue();
        }
    }

    @Test
    void theJsonLinesStoreAnswersAfterARestartAndSkipsATornLastLine() throws Exception {
        FakeVideo video = new FakeVideo(10, BLUE, RED);
        Path file = tmp.resolve("verdicts.jsonl");
        Verdict original;
        try (VideoClassifier vc = classifier(video, null); JsonLinesVerdictStore store = new JsonLinesVerdictStore(file, false)) {
            DedupingClassifier dedup = new DedupingClassifier(vc, store);
            original = dedup.classify(new byte[] {1}).verdict();
            dedup.classify(new byte[] {2});
            assertThat(original.posterJpeg()).isNotNull();
        }
        // a crash in the middle of writing the next line
        Files.writeString(file, "{\"content_hash\":\"abc\",\"scorer_id\":\"col", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (VideoClassifier vc = classifier(video, null); JsonLinesVerdictStore store = new JsonLinesVerdictStore(file, false)) {
            assertThat(store.size()).isEqualTo(2);
            assertThat(store.tornLines()).isEqualTo(1);
            DedupingClassifier dedup = new DedupingClassifier(vc, store);
            DedupingClassifier.Result again = dedup.classify(new byte[] {1});
            assertThat(again.reused()).isTrue();
            assertThat(again.verdict().toBuilder().poster(original.poster()).build()).isEqualTo(original);
            assertThat(again.verdict().posterJpeg()).as("posters are not kept by default").isNull();
            dedup.classify(new byte[] {3});
        }
        try (JsonLinesVerdictStore reopened = new JsonLinesVerdictStore(file, false)) {
            assertThat(reopened.size()).as("the line after the torn one is readable").isEqualTo(3);
        }
    }
}
