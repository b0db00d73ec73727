package dev.videoclass.examples.snippets;

import dev.videoclass.export.ExportedFrame;
import dev.videoclass.export.FrameExport;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.index.SceneHit;
import dev.videoclass.onnx.demo.DemoModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Runs the frame export and scene search code the README quotes. */
class SearchSnippetsTest {
    @TempDir
    Path dir;

    @Test
    void exportsAFramePerSecond() throws Exception {
        Path video = TestVideos.video().size(160, 120).segments(2, 1.5).writeTo(dir.resolve("clip.mp4"));
        FrameExport.Result r = ExportFrames.everySecond(video, dir.resolve("frames"));
        assertThat(r.frames()).extracting(ExportedFrame::file).containsExactly("frame-000.png", "frame-001.png", "frame-002.png");
        assertThat(dir.resolve("frames/frames.json")).isRegularFile();
    }

    @Test
    void indexesAFolderAndFindsTheRedScene() throws Exception {
        Path model = dir.resolve("demo-model");
        DemoModel.write(model);
        Path folder = Files.createDirectories(dir.resolve("videos"));
        TestVideos.video().size(160, 120).segment(0x2030C8, 1.5).segment(0xD02018, 1.5).writeTo(folder.resolve("blue-red.mp4"));
        List<SceneHit> hits = FindTheScene.indexAndSearch(model, folder, dir.resolve("index"), "a red scene");
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).sceneStartS()).isCloseTo(1.5, within(0.1));
        assertThat(FindTheScene.indexAndSearch(model, folder, dir.resolve("index"), "a blue scene").get(0).sceneStartS())
                .isCloseTo(0.0, within(0.1));
    }
}
