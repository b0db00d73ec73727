package dev.videoclass.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.ErrorCode;
import dev.videoclass.FakeVideo;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.json.VerdictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameExportTest {
    private static final int[] BLUE = {0, 0, 255};
    private static final int[] RED = {255, 0, 0};
    private static final int[] GREEN = {0, 200, 0};

    @TempDir
    Path tmp;

    private static FrameExport export(FakeVideo video, FrameExport.Format format) {
        return FrameExport.builder().decoder(video).sampler(FakeVideo.perSecondSampler()).format(format).build();
    }

    @Test
    void writesOneUprightImagePerKeyframeAndTheirMetadata() throws Exception {
        FakeVideo video = new FakeVideo(10, BLUE, RED, GREEN);
        Path out = tmp.resolve("nested/frames");
        FrameExport.Result r = export(video, FrameExport.Format.JPEG).export(VideoInput.of(new byte[] {1}), out);

        assertThat(r.dir()).isEqualTo(out.toAbsolutePath());
        assertThat(r.frames()).extracting(ExportedFrame::file).containsExactly("frame-000.jpg", "frame-001.jpg", "frame-002.jpg");
        assertThat(r.frames()).extracting(ExportedFrame::ptsS).containsExactly(0.0, 1.0, 2.0);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("frame-000.jpg", "frame-001.jpg", "frame-002.jpg", "frames.json");
        }
        int[][] colours = {BLUE, RED, GREEN};
        for (int i = 0; i < 3; i++) {
            BufferedImage img = ImageIO.read(out.resolve(r.frames().get(i).file()).toFile());
            assertThat(img.getWidth()).isEqualTo(64).isEqualTo(r.frames().get(i).width());
            assertThat(img.getHeight()).isEqualTo(48).isEqualTo(r.frames().get(i).height());
            int rgb = img.getRGB(32, 24);
            assertThat(Math.abs(((rgb >> 16) & 0xFF) - colours[i][0])).isLessThan(20);
            assertThat(Math.abs((rgb & 0xFF) - colours[i][2])).isLessThan(20);
        }

        JsonNode json = VerdictJson.reader().readTree(Files.readString(out.resolve("frames.json")));
        assertThat(json.get("video").get("duration_s").asDouble()).isEqualTo(3.0);
        assertThat(json.get("video").get("frame_rate").asDouble()).isEqualTo(10.0);
        assertThat(json.get("video").get("codec").asText()).isEqualTo("raw");
        assertThat(json.get("video").has("size_bytes")).isTrue();
        JsonNode second = json.get("frames").get(1);
        assertThat(second.get("file").asText()).isEqualTo("frame-001.jpg");
        assertThat(second.get("pts_s").asDouble()).isEqualTo(1.0);
        assertThat(second.get("scene").get(0).asDouble()).isEqualTo(1.0);
        assertThat(second.get("scene").get(1).asDouble()).isEqualTo(2.0);
        assertThat(second.get("width").asInt()).isEqualTo(64);
        assertThat(second.get("height").asInt()).isEqualTo(48);
        assertThat(json.get("frames")).hasSize(3);
    }

    @Test
    void pngIsLossless() throws Exception {
        FrameExport.Result r = export(new FakeVideo(10, RED, GREEN), FrameExport.Format.PNG)
                .export(VideoInput.of(new byte[] {1}), tmp.resolve("png"));
        assertThat(r.frames()).extracting(ExportedFrame::file).containsExactly("frame-000.png", "frame-001.png");
        BufferedImage img = ImageIO.read(r.dir().resolve("frame-001.png").toFile());
        assertThat(img.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0x00C800);
    }

    @Test
    void badInputLeavesNothingBehind() throws Exception {
        FakeVideo video = new FakeVideo(10, RED);
        video.failOnOpen = new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "not a video");
        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> export(video, FrameExport.Format.JPEG).export(VideoInput.of(new byte[] {1}), out))
                .isInstanceOf(VideoException.class)
                .satisfies(e -> assertThat(((VideoException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT));
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void aFailureWhileCapturingRemovesWhatWasWritten() throws Exception {
        FakeVideo video = new FakeVideo(10, RED, GREEN);
        FrameExport export = FrameExport.builder().decoder(video).sampler((source, policy) -> {
            dev.videoclass.SamplingResult ok = FakeVideo.perSecondSampler().sample(source, policy);
            List<dev.videoclass.Keyframe> k = new java.util.ArrayList<>(ok.keyframes());
            k.add(new dev.videoclass.Keyframe(-1, -1, 0)); // the fake source cannot capture this one
            return new dev.videoclass.SamplingResult(ok.durationS(), ok.cuts(), k, "broken", 0);
        }).build();
        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> export.export(VideoInput.of(new byte[] {1}), out)).isInstanceOf(VideoException.class)
                .satisfies(e -> assertThat(((VideoException) e).code()).isEqualTo(ErrorCode.INTERNAL));
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void anEmptyFolderIsFilledAndAFullOneRefused() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        export(new FakeVideo(10, RED), FrameExport.Format.JPEG).export(VideoInput.of(new byte[] {1}), empty);
        assertThat(empty.resolve("frames.json")).isRegularFile();
        assertThatThrownBy(() -> export(new FakeVideo(10, RED), FrameExport.Format.JPEG)
                .export(VideoInput.of(new byte[] {1}), empty)).isInstanceOf(DirectoryNotEmptyException.class);
        assertThat(FrameExport.Format.find("PNG")).contains(FrameExport.Format.PNG);
        assertThat(FrameExport.Format.find("jpg")).contains(FrameExport.Format.JPEG);
        assertThat(FrameExport.Format.find("gif")).isEmpty();
    }
}
