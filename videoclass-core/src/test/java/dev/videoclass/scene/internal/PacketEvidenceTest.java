package dev.videoclass.scene.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.videoclass.VideoInfo;
import dev.videoclass.spi.PacketInfo;
import dev.videoclass.spi.PacketInfo.PictureType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The packet evidence of a cut between key frames, on synthetic packet lists: 640x360 at 30 fps, key
 * frames at 0, 10 and 20 s, a P picture every third frame, B pictures between.
 */
class PacketEvidenceTest {
    static final double FPS = 30;
    static final VideoInfo INFO = new VideoInfo(20, FPS, 600, "mp4", "h264", 640, 360, 640, 360, 0, 0, false, 0);
    static final int MIN_SCENE_LEN = 15;
    static final int P_BYTES = 400;

    /** Frame i: key at 0, 300, 600; P when i % 3 == 0; else B. {@code pSize} gives P sizes by frame. */
    static List<PacketInfo> packets(IntUnaryOperator pSize, boolean typesKnown) {
        List<PacketInfo> out = new ArrayList<>();
        for (int i = 0; i <= 600; i++) {
            boolean key = i % 300 == 0;
            PictureType t = key ? PictureType.I : i % 3 == 0 ? PictureType.P : PictureType.B;
            int size = key ? 20_000 : t == PictureType.P ? pSize.applyAsInt(i) : 100;
            out.add(new PacketInfo(i / FPS, size, key, typesKnown ? t : PictureType.UNKNOWN));
        }
        return out;
    }

    static PacketEvidence find(List<PacketInfo> packets) {
        return PacketEvidence.find(packets, INFO, FPS, MIN_SCENE_LEN);
    }

    @Test
    void steadyPacketsShowNothing() {
        assertThat(find(packets(i -> P_BYTES, true)).times()).isEmpty();
        assertThat(find(List.of()).times()).isEmpty();
    }

    @Test
    void anIntraPictureWithoutTheKeyFlagIsEvidenceForTheFramesJustBeforeIt() {
        List<PacketInfo> p = packets(i -> P_BYTES, true);
        p.set(120, new PacketInfo(4.0, 3_000, false, PictureType.I));
        PacketEvidence e = find(p);
        assertThat(e.times()).containsExactly(4.0);
        assertThat(e.explains(4.0, FPS)).isTrue();
        assertThat(e.explains(3.9, FPS)).as("B pictures before it in display order").isTrue();
        assertThat(e.explains(4.5, FPS)).isFalse();
        assertThat(e.explains(3.0, FPS)).isFalse();
    }

    @Test
    void aPPictureTwiceItsPNeighboursIsABumpButNotRightAfterAKeyFrame() {
        // 2.5x the P neighbours: below the outsized rule (3x, and a quarter of the key pictures)
        List<PacketInfo> p = packets(i -> i == 150 || i == 303 ? 1_000 : P_BYTES, true);
        assertThat(find(p).times()).as("the one 3 frames after the key frame at 10 s is ignored").containsExactly(5.0);
        assertThat(find(packets(i -> i == 150 ? 1_000 : P_BYTES, false)).times())
                .as("without picture types only the outsized rule applies").isEmpty();
    }

    @Test
    void aCollapseOfThePPicturesExplainsACutIntoSimplerContent() {
        // busy content until 6 s, a still shot after it: P pictures drop from 3000 to 100 bytes
        PacketEvidence e = find(packets(i -> i < 180 || i >= 300 ? 3_000 : 100, true));
        assertThat(e.times()).hasSize(1);
        assertThat(e.times()[0]).isCloseTo(6.0, within(0.5));
        assertThat(e.explains(6.0, FPS)).isTrue();
        assertThat(e.explains(4.0, FPS)).isFalse();
    }
}
