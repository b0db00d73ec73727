package dev.videoclass.scene.internal;

import dev.videoclass.SceneCut;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SceneTrackerTest {

    @Test
    void aKeyFrameAfterTheSkipWindowBeatsASharperOrdinaryFrame() {
        SceneTracker t = new SceneTracker(0.2);
        t.frame(0.0, 50, true);    // key frame at the scene start (inside the skip window)
        t.frame(0.5, 900, false);  // sharpest, but costs a GOP decode to capture
        t.frame(1.0, 300, true);   // a later key frame
        t.frame(1.5, 10, false);
        List<SceneTracker.Scene> scenes = t.finish(2.0);
        assertThat(scenes).hasSize(1);
        assertThat(scenes.get(0).repPts()).isEqualTo(1.0);
    }

    @Test
    void theSceneStartKeyFrameIsUsedWhenItIsTheOnlyKeyFrame() {
        SceneTracker t = new SceneTracker(0.2);
        t.frame(0.0, 50, true);
        t.frame(0.5, 900, false);
        t.cut(new SceneCut(1.0, 80));
        t.frame(1.0, 70, false);   // a cut coded without a key frame
        t.frame(1.5, 400, false);
        t.frame(1.8, 200, false);
        List<SceneTracker.Scene> scenes = t.finish(2.0);
        assertThat(scenes).hasSize(2);
        assertThat(scenes.get(0).repPts()).isEqualTo(0.0);
        // no key frame at all: the sharpest frame after the skip window
        assertThat(scenes.get(1).repPts()).isEqualTo(1.5);
    }
}
