package dev.videoclass.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.ColourScorer;
import dev.videoclass.FakeVideo;
import dev.videoclass.Frame;
import dev.videoclass.VideoClassifier;
import dev.videoclass.live.FakeLiveDecoder.End;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.spi.FrameScorer;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The monitor's engine on a scripted stream without native code: windows and their verdicts,
 * transitions with hysteresis, gaps and reconnection, refusals, drops, closing. Streams run at 10x
 * real time; assertions are about counts and stream times, never about speed.
 */
@Timeout(60)
class LiveMonitorTest {
    static final int[] GREY = {60, 60, 60};
    static final int[] RED = {230, 20, 20};
    static VideoClassifier classifier;

    @BeforeAll
    static void classifier() {
        classifier = VideoClassifier.builder().decoder(new FakeVideo(1)).scorer(new ColourScorer()).build();
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    static DoubleFunction<int[]> redBetween(double from, double to) {
        return t -> t >= from && t < to ? RED : GREY;
    }

    static LiveSettings.Builder settings() {
        return LiveSettings.builder().every(1).window(5).hysteresis(1).maxReconnects(0).backoff(0.05, 0.2).stall(2);
    }

    static RecordingListener run(FakeLiveDecoder decoder, LiveSettings settings) throws InterruptedException {
        RecordingListener events = new RecordingListener();
        try (LiveMonitor m = LiveMonitor.builder(classifier).decoder(decoder).settings(settings).listener(events)
                .start("rtsp://127.0.0.1:8554/cam")) {
            assertThat(m.awaitTermination(Duration.ofSeconds(30))).as("monitor ended").isTrue();
        }
        return events;
    }

    @Test
    void windowsFollowTheContentAndTransitionsReportTheChange() throws Exception {
        FakeLiveDecoder stream = new FakeLiveDecoder(10, 10, redBetween(10, 20)).then(0, 300, End.ENDS);
        RecordingListener events = run(stream, settings().build());

        assertThat(events.windows).extracting(WindowEvent::startPtsS).containsExactly(0.0, 5.0, 10.0, 15.0, 20.0, 25.0);
        assertThat(events.windows).extracting(WindowEvent::isExplicit).containsExactly(false, false, true, true, false, false);
        assertThat(events.windows).allSatisfy(w -> {
            assertThat(w.frames()).isEqualTo(5);
            assertThat(w.endPtsS()).isCloseTo(w.startPtsS() + 5, org.assertj.core.data.Offset.offset(0.11));
            assertThat(w.endTime()).isAfter(w.startTime());
            assertThat(w.decidingFrame().jpeg()).isNotEmpty();
            assertThat(w.url()).isEqualTo("rtsp://127.0.0.1:8554/cam");
        });
        WindowEvent red = events.windows.get(2);
        assertThat(red.evidence().explicit()).hasSize(5).allSatisfy(t -> assertThat(t).isBetween(10.0, 15.0));
        assertThat(red.decidingFrame().ptsS()).isBetween(10.0, 15.0);
        assertThat(events.transitions).extracting(TransitionEvent::kind)
                .containsExactly(TransitionEvent.Kind.BECAME_EXPLICIT, TransitionEvent.Kind.BECAME_SAFE);
        assertThat(events.transitions).extracting(TransitionEvent::ptsS).containsExactly(10.0, 20.0);
        // the stream ended and reconnecting is off: the monitor gave up
        assertThat(events.fatal().kind()).isEqualTo(LiveError.Kind.GAVE_UP);
        assertThat(events.errors).extracting(LiveError::kind).contains(LiveError.Kind.ENDED);
    }

    @Test
    void hysteresisIgnoresOneNoisyWindow() throws Exception {
        FakeLiveDecoder stream = new FakeLiveDecoder(10, 10, redBetween(10, 15)).then(0, 300, End.ENDS);
        RecordingListener events = run(stream, settings().hysteresis(2).build());
        assertThat(events.windows).filteredOn(WindowEvent::isExplicit).hasSize(1);
        assertThat(events.transitions).isEmpty();

        FakeLiveDecoder longer = new FakeLiveDecoder(10, 10, redBetween(10, 20)).then(0, 300, End.ENDS);
        RecordingListener two = run(longer, settings().hysteresis(2).build());
        assertThat(two.transitions).hasSize(2);
        assertThat(two.transitions.get(0).ptsS()).isEqualTo(10.0);
        assertThat(two.transitions.get(0).windows()).isEqualTo(2);
    }

    @Test
    void aLostConnectionIsReopenedAndTheGapReported() throws Exception {
        FakeLiveDecoder stream = new FakeLiveDecoder(10, 10, t -> GREY)
                .then(0, 60, End.FAILS).then(0, 0, End.FAILS_OPEN).then(100, 60, End.ENDS);
        RecordingListener events = run(stream, settings().maxReconnects(3).build());

        assertThat(stream.opens.get()).isEqualTo(3 + 3); // after the script: 3 failed attempts, then it gave up
        assertThat(events.gaps).hasSize(1);
        GapEvent gap = events.gaps.get(0);
        assertThat(gap.reason()).isEqualTo(GapEvent.Reason.DISCONNECTED);
        assertThat(gap.attempts()).isEqualTo(2);
        assertThat(gap.to()).isAfter(gap.from());
        assertThat(events.errors).filteredOn(e -> !e.fatal()).extracting(LiveError::kind)
                .startsWith(LiveError.Kind.DISCONNECTED, LiveError.Kind.DISCONNECTED, LiveError.Kind.ENDED);
        // windows of both connections, each cut where its connection ended
        assertThat(events.windows).extracting(WindowEvent::startPtsS).containsExactly(0.0, 5.0, 100.0, 105.0);
        assertThat(events.windows.get(1).endPtsS()).isCloseTo(5.9, org.assertj.core.data.Offset.offset(0.01));
        assertThat(events.fatal().kind()).isEqualTo(LiveError.Kind.GAVE_UP);
    }

    @Test
    void aStalledConnectionIsDroppedAndReopened() throws Exception {
        FakeLiveDecoder stream = new FakeLiveDecoder(10, 10, t -> GREY)
                .then(0, 20, End.STALLS).then(50, 20, End.ENDS);
        RecordingListener events = run(stream, settings().stall(0.5).maxReconnects(1).build());
        assertThat(events.gaps).extracting(GapEvent::reason).containsExactly(GapEvent.Reason.STALLED);
        assertThat(events.errors).extracting(LiveError::kind).contains(LiveError.Kind.STALLED);
        assertThat(events.gaps.get(0).seconds()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void aFirstConnectionThatFailsEndsTheMonitor() throws Exception {
        RecordingListener unreachable = run(new FakeLiveDecoder(10, 10, t -> GREY).then(0, 0, End.FAILS_OPEN),
                settings().maxReconnects(5).build());
        assertThat(unreachable.fatal().kind()).isEqualTo(LiveError.Kind.UNREACHABLE);
        assertThat(unreachable.fatal().message()).contains("Connection refused");

        RecordingListener refused = run(new FakeLiveDecoder(10, 10, t -> GREY).then(0, 0, End.REFUSED_OPEN),
                settings().maxReconnects(5).build());
        assertThat(refused.errors).extracting(LiveError::kind).containsOnly(LiveError.Kind.REFUSED);
        assertThat(refused.fatal().message()).contains("file:///etc/passwd");
    }

    @Test
    void localFilesDevicesAndUnknownSchemesAreRefusedWithoutOpening() {
        for (String url : List.of("file:///etc/passwd", "/dev/video0", "srt://127.0.0.1:9000", "ftp://127.0.0.1/x",
                "data:video/mp4;base64,AAAA", "pipe:0")) {
            FakeLiveDecoder decoder = new FakeLiveDecoder(10, 10, t -> GREY).then(0, 10, End.ENDS);
            RecordingListener events = new RecordingListener();
            LiveMonitor m = LiveMonitor.builder(classifier).decoder(decoder).listener(events).start(url);
            assertThat(m.isRunning()).isFalse();
            assertThat(m.failure()).get().extracting(LiveError::kind).isEqualTo(LiveError.Kind.REFUSED);
            assertThat(events.fatal()).as(url).isNotNull();
            assertThat(decoder.opens.get()).as(url).isZero();
            m.close();
        }
    }

    @Test
    void scoringThatFallsBehindDropsFramesAndCountsThem() throws Exception {
        SlowScorer slow = new SlowScorer(20);
        try (VideoClassifier slowClassifier = VideoClassifier.builder().decoder(new FakeVideo(1)).scorer(slow).build()) {
            FakeLiveDecoder stream = new FakeLiveDecoder(50, 10, t -> GREY).then(0, 500, End.ENDS);
            RecordingListener events = new RecordingListener();
            LiveSettings s = settings().every(0.02).window(1).maxKeyframes(50).queueCapacity(2).build();
            try (LiveMonitor m = LiveMonitor.builder(slowClassifier).decoder(stream).settings(s).listener(events)
                    .start("rtsp://127.0.0.1/cam")) {
                assertThat(m.awaitTermination(Duration.ofSeconds(30))).isTrue();
                LiveStats stats = m.stats();
                assertThat(stats.framesSampled()).isEqualTo(500);
                assertThat(stats.framesDropped()).isPositive();
                assertThat(stats.framesScored() + stats.framesDropped()).isEqualTo(stats.framesSampled());
                assertThat(events.windows.stream().mapToLong(WindowEvent::dropped).sum()).isEqualTo(stats.framesDropped());
                assertThat(events.windows.stream().mapToInt(WindowEvent::frames).sum()).isEqualTo(stats.framesScored());
            }
        }
    }

    @Test
    void closeStopsAStreamingMonitorAndSilencesIt() throws Exception {
        FakeLiveDecoder stream = new FakeLiveDecoder(25, 1, t -> GREY).then(0, 100_000, End.ENDS);
        RecordingListener events = new RecordingListener();
        LiveMonitor m = LiveMonitor.builder(classifier).decoder(stream).settings(settings().build()).listener(events)
                .start("rtsp://127.0.0.1/cam");
        while (m.stats().framesDecoded() < 10) {
            Thread.sleep(10);
        }
        m.close();
        assertThat(m.isRunning()).isFalse();
        int seen = events.events.size();
        Thread.sleep(200);
        assertThat(events.events).hasSize(seen);
        assertThat(m.stats().connected()).isFalse();
    }

    @Test
    void sceneChangesSampleExtraFrames() throws Exception {
        // a cut at 2.5 s, between two cadence points
        FakeLiveDecoder stream = new FakeLiveDecoder(10, 10, t -> t < 2.5 ? GREY : new int[] {20, 20, 200})
                .then(0, 50, End.ENDS);
        RecordingListener events = run(stream, settings().sceneChanges(true).build());
        assertThat(events.frames).extracting(SampledFrame::ptsS).contains(0.0, 1.0, 2.0, 3.0, 4.0)
                .anySatisfy(t -> assertThat(t).isBetween(2.45, 2.95));
        assertThat(stream.analysisCalls).isEqualTo(50);
    }

    /** Scores like {@link ColourScorer}, taking {@code millis} per call. Thread safe. */
    static final class SlowScorer implements FrameScorer {
        private final ColourScorer colours = new ColourScorer();
        private final long millis;

        SlowScorer(long millis) {
            this.millis = millis;
        }

        @Override
        public String id() {
            return "slow";
        }

        @Override
        public String executionProvider() {
            return "java";
        }

        @Override
        public Rubric defaultRubric() {
            return colours.defaultRubric();
        }

        @Override
        public Frame prepare(Frame frame) {
            return frame;
        }

        @Override
        public float[][] score(List<Frame> prepared, Rubric rubric) {
            FakeLiveDecoder.sleep(millis);
            return colours.score(prepared, rubric);
        }
    }
}
