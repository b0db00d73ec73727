package dev.videoclass.ffmpeg.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.spi.PacketInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketLogTest {

    @Test
    void appendsIgnoresRepeatsAndInsertsSkippedPacketsInOrder() {
        PacketLog log = new PacketLog();
        // a seek to the middle first: packets at positions 500.. are read
        for (int pos = 500; pos < 1000; pos += 100) {
            assertThat(log.record(pos, pos / 100.0, pos, false)).isTrue();
        }
        // back to the start: 0..400 are new and go in front, 500.. are repeats
        for (int pos = 0; pos < 1000; pos += 100) {
            assertThat(log.record(pos, pos / 100.0, pos, pos == 0)).isEqualTo(pos < 500);
        }
        assertThat(log.size()).isEqualTo(10);
        List<PacketInfo> list = log.snapshot();
        assertThat(list).extracting(PacketInfo::sizeBytes).containsExactly(0, 100, 200, 300, 400, 500, 600, 700, 800, 900);
        assertThat(list.get(0).key()).isTrue();
        assertThat(list.get(1).key()).isFalse();
        // grows past its initial capacity; snapshots taken earlier stay as they were
        for (int pos = 1000; pos < 100_000; pos += 100) {
            log.record(pos, pos / 100.0, 7, false);
        }
        assertThat(list).hasSize(10);
        assertThat(log.snapshot()).hasSize(1000);
        assertThat(new PacketLog().snapshot()).isEmpty();
    }

    @Test
    void findsKeyPacketsNearATime() {
        PacketLog log = new PacketLog();
        for (int i = 0; i < 90; i++) {
            log.record(i, i / 30.0, 100, i % 30 == 0); // key packets at 0, 1 and 2 s
        }
        double half = 0.5 / 30;
        assertThat(log.hasKeyNear(1.0, half)).isTrue();
        assertThat(log.hasKeyNear(1.0 + half * 0.9, half)).isTrue();
        assertThat(log.hasKeyNear(1.0 + 1 / 30.0, half)).isFalse(); // the frame after a key frame
        assertThat(log.hasKeyNear(3.0, half)).isFalse();
        assertThat(new PacketLog().hasKeyNear(0, half)).isFalse();
    }
}
