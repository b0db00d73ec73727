package dev.videoclass.scene.internal;

import dev.videoclass.SceneCut;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SceneClampTest {

    /** Scenes from cut times and strengths over {@code duration}; representative in each middle. */
    private static List<SceneTracker.Scene> scenes(double duration, double[] cuts, double[] strengths) {
        SceneTracker t = new SceneTracker(0);
        double start = 0;
        for (int i = 0; i <= cuts.length; i++) {
            double end = i < cuts.length ? cuts[i] : duration;
            t.frame((start + end) / 2, 1.0);
            if (i < cuts.length) {
                t.cut(new SceneCut(cuts[i], strengths[i]));
            }
            start = end;
        }
        return t.finish(duration);
    }

    private static List<Double> starts(List<SceneTracker.Scene> s) {
        List<Double> out = new ArrayList<>();
        for (SceneTracker.Scene sc : s) {
            out.add(sc.start());
        }
        return out;
    }

    @Test
    void strongCutsSurviveWeakOnesGo() {
        // 60 s: strong cuts at 15, 30, 45; weak ones in between
        double[] cuts = {7, 15, 22, 30, 37, 45, 52};
        double[] strength = {30, 120, 31, 110, 29, 100, 32};
        List<SceneTracker.Scene> kept = SceneClamp.clamp(scenes(60, cuts, strength), 4, 60);
        assertThat(starts(kept)).containsExactly(0.0, 15.0, 30.0, 45.0);
        assertThat(kept.get(3).end()).isEqualTo(60.0);
    }

    @Test
    void cutsFencingTinyScenesGoFirstEvenWhenStrong() {
        // a strong pair 0.4 s apart around a tiny scene at 30 s, weaker cuts with long scenes elsewhere
        double[] cuts = {15, 30, 30.4, 45};
        double[] strength = {40, 150, 150, 45};
        List<SceneTracker.Scene> kept = SceneClamp.clamp(scenes(60, cuts, strength), 4, 60);
        assertThat(kept).hasSize(4);
        assertThat(starts(kept)).contains(15.0, 45.0);
        // exactly one of the pair survives; the tiny scene is gone
        assertThat(starts(kept).stream().filter(s -> s == 30.0 || s == 30.4)).hasSize(1);
        for (SceneTracker.Scene s : kept) {
            assertThat(s.end() - s.start()).isGreaterThan(10);
        }
    }

    @Test
    void picksAreSpreadWhenAllCutsAreAlike() {
        // 40 equal cuts every second: the 5 survivors split the video into comparable parts
        double[] cuts = new double[39];
        double[] strength = new double[39];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
            strength[i] = 50 + (i % 3); // slight differences only
        }
        List<SceneTracker.Scene> kept = SceneClamp.clamp(scenes(40, cuts, strength), 5, 40);
        assertThat(kept).hasSize(5);
        for (SceneTracker.Scene s : kept) {
            assertThat(s.end() - s.start()).isBetween(4.0, 14.0);
            assertThat(s.repPts()).isBetween(s.start(), s.end());
        }
    }

    @Test
    void mergedSceneKeepsRepresentativeOfItsLongestPart() {
        double[] cuts = {10, 12};
        double[] strength = {100, 30};
        List<SceneTracker.Scene> kept = SceneClamp.clamp(scenes(30, cuts, strength), 2, 30);
        assertThat(starts(kept)).containsExactly(0.0, 10.0);
        assertThat(kept.get(1).repPts()).isEqualTo(21.0); // middle of [12, 30], the longer part
    }

    @Test
    void underTheMaxNothingChanges() {
        List<SceneTracker.Scene> s = scenes(30, new double[] {10, 20}, new double[] {40, 40});
        assertThat(SceneClamp.clamp(s, 8, 30)).isSameAs(s);
    }
}
