package dev.videoclass;

import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.VideoDecoder;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.store.Backfill;
import dev.videoclass.store.ContentHash;
import dev.videoclass.store.JsonLinesVerdictStore;
import dev.videoclass.store.VerdictKey;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backfill: each content once, paths grouped, bad files failed, resume after a killed run. */
class BackfillTest {
    @TempDir
    Path tmp;
    Path dir;
    final AtomicInteger opened = new AtomicInteger();

    /** Decodes every file as the same little video, except files named bad*; counts what it opens. */
    final VideoDecoder decoder = new VideoDecoder() {
        final FakeVideo video = new FakeVideo(10, new int[] {0, 0, 200}, new int[] {200, 0, 0});

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public FrameSource open(VideoInput input, DecodeOptions options) throws VideoException {
            opened.incrementAndGet();
            if (input instanceof VideoInput.FileInput f && f.path().getFileName().toString().startsWith("bad")) {
                throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "not a video");
            }
            return video.open(input, options);
        }
    };

    @BeforeEach
    void files() throws Exception {
        dir = Files.createDirectories(tmp.resolve("videos"));
        Files.write(dir.resolve("a.mp4"), new byte[] {1});
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/a-copy.MOV"), new byte[] {1});
        Files.write(dir.resolve("b.mkv"), new byte[] {2});
        Files.write(dir.resolve("c.webm"), new byte[] {3});
        Files.write(dir.resolve("bad.mp4"), new byte[] {4});
        Files.writeString(dir.resolve("notes.txt"), "not a video");
    }

    VideoClassifier classifier() {
        return VideoClassifier.builder().decoder(decoder).sampler(FakeVideo.perSecondSampler()).scorer(new ColourScorer()).build();
    }

    @Test
    void eachContentIsClassifiedOnceWithAllItsPathsAndBadFilesAsFailed() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        try (VideoClassifier vc = classifier()) {
            Backfill.Summary s = new Backfill(vc, 2, null).run(dir, out);
            assertThat(s.files()).isEqualTo(5);
            assertThat(s.contents()).isEqualTo(4);
            assertThat(s.newlyDone()).isEqualTo(4);
            assertThat(s.reused()).isZero();
            assertThat(s.failed()).isEqualTo(1);
            assertThat(opened.get()).isEqualTo(4);
            List<JsonNode> lines = new ArrayList<>();
            for (String l : Files.readAllLines(out)) {
                lines.add(VerdictJson.reader().readTree(l));
            }
            assertThat(lines).hasSize(4);
            JsonNode a = lines.stream().filter(n -> n.get("content_hash").asText().equals(ContentHash.of(new byte[] {1})))
                    .findFirst().orElseThrow();
            assertThat(a.get("paths")).hasSize(2);
            assertThat(a.get("verdict").get("status").asText()).isEqualTo("done");
            JsonNode bad = lines.stream().filter(n -> n.get("paths").get(0).asText().endsWith("bad.mp4")).findFirst().orElseThrow();
            assertThat(bad.get("verdict").get("error").get("code").asText()).isEqualTo("unsupported_format");

            Backfill.Summary second = new Backfill(vc, 2, null).run(dir, out);
            assertThat(second.reused()).isEqualTo(4);
            assertThat(second.newlyDone()).isZero();
            assertThat(second.failed()).as("the reused verdict of bad.mp4 is still failed").isEqualTo(1);
            assertThat(opened.get()).as("a second run only hashes").isEqualTo(4);
            assertThat(Files.readAllLines(out)).hasSize(4);
        }
    }

    @Test
    void aKilledRunResumesWithoutRedoingFinishedWork() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        try (VideoClassifier vc = classifier()) {
            Backfill.Listener dies = new Backfill.Listener() {
                @Override
                public void progress(int done, int total, double rate, double etaS) {
                    if (done == 2) {
                        throw new IllegalStateException("killed");
                    }
                }
            };
            assertThatThrownBy(() -> new Backfill(vc, 1, dies).run(dir, out)).hasMessageContaining("killed");
            int afterCrash = Files.readAllLines(out).size();
            assertThat(afterCrash).isBetween(2, 3);
            // and the process died while writing one more line
            Files.writeString(out, "{\"content_hash\":\"ab", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            int openedBefore = opened.get();
            List<int[]> progress = new ArrayList<>();
            Backfill.Summary s = new Backfill(vc, 1, new Backfill.Listener() {
                @Override
                public void hashed(int files, int contents, int alreadyDone) {
                    progress.add(new int[] {files, contents, alreadyDone});
                }
            }).run(dir, out);
            assertThat(s.reused()).isEqualTo(afterCrash);
            assertThat(s.newlyDone()).isEqualTo(4 - afterCrash);
            assertThat(opened.get() - openedBefore).isEqualTo(4 - afterCrash);
            assertThat(progress).singleElement().satisfies(p -> assertThat(p).containsExactly(5, 4, afterCrash));
            try (JsonLinesVerdictStore store = new JsonLinesVerdictStore(out, false)) {
                assertThat(store.size()).isEqualTo(4);
                assertThat(store.tornLines()).isEqualTo(1);
                assertThat(store.find(new VerdictKey(ContentHash.of(new byte[] {3}), vc.images().scorerInfo().id(),
                        vc.images().rubricInfo().hash()))).isPresent();
            }
        }
    }

    @Test
    void videoFilesAreRecognisedByTheExtensionOfTheirNameInAnyCase() {
        assertThat(Backfill.looksLikeVideo("clip.MOV")).isTrue();
        assertThat(Backfill.looksLikeVideo("archive.2024.mp4")).isTrue();
        assertThat(Backfill.looksLikeVideo("notes.txt")).isFalse();
        assertThat(Backfill.looksLikeVideo("clip.mp4.bak")).isFalse();
        assertThat(Backfill.looksLikeVideo(".mp4")).as("a hidden file with no name").isFalse();
        assertThat(Backfill.looksLikeVideo("mp4")).isFalse();
    }
}
