package dev.videoclass.scene.internal;

import dev.videoclass.Keyframe;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Fits a scene list into the policy's {@code [min, max]} keyframe band.
 *
 * <p><b>More scenes than {@code max}:</b> cuts are removed one at a time, weakest first, merging the
 * two scenes each removed cut separated. With {@code share = duration / max}, {@code a} and
 * {@code b} the lengths of the two scenes a cut separates, its weight is
 * {@code strength * sqrt(min(1, min(a, b) / share)) * sqrt(min(1, (a + b) / (2 * share)))}: the
 * strength, scaled down when the cut fences off a scene shorter than an even share (tiny scenes go
 * first even behind strong cuts) and when the merged scene would still be short (so among similar
 * cuts, small neighbours merge with each other rather than one scene swallowing its neighbours one by
 * one). Among cuts next to scenes of a fair length the strongest survive, and the survivors are spread
 * over the video. Weights are updated as scenes merge. A merged scene keeps the representative of its
 * longest original scene.
 *
 * <p><b>Fewer scenes than {@code min}</b> (a static clip): {@code min} evenly spaced frames at
 * {@code (i + 0.5) * duration / min} ({@link #even}).
 *
 * <p>Stateless.
 */
final class SceneClamp {
    private SceneClamp() {
    }

    /** At most {@code max} scenes of {@code scenes} (the list itself when it has no more). */
    static List<SceneTracker.Scene> clamp(List<SceneTracker.Scene> scenes, int max, double durationS) {
        int n = scenes.size();
        if (n <= max) {
            return scenes;
        }
        SceneTracker.Scene[] s = scenes.toArray(new SceneTracker.Scene[0]);
        int[] prev = new int[n];
        int[] next = new int[n];
        int[] version = new int[n];
        boolean[] alive = new boolean[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            alive[i] = true;
        }
        double total = durationS > 0 ? durationS : s[n - 1].end() - s[0].start();
        double target = Math.max(total / max, 1e-9);
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> {
            int c = Double.compare(a[0], b[0]);
            if (c != 0) {
                return c;
            }
            c = Double.compare(s[(int) a[1]].strength(), s[(int) b[1]].strength());
            return c != 0 ? c : Double.compare(b[1], a[1]); // later cut first on a tie
        });
        for (int i = 1; i < n; i++) {
            queue.add(entry(s, prev, i, version[i], target));
        }
        int count = n;
        while (count > max && !queue.isEmpty()) {
            double[] e = queue.poll();
            int i = (int) e[1];
            if (!alive[i] || version[i] != (int) e[2]) {
                continue;
            }
            // remove the cut at the start of scene i: merge it into its predecessor p
            int p = prev[i];
            s[p].absorb(s[i]);
            alive[i] = false;
            int nx = next[i];
            next[p] = nx;
            if (nx >= 0) {
                prev[nx] = p;
                version[nx]++;
                queue.add(entry(s, prev, nx, version[nx], target));
            }
            if (prev[p] >= 0) {
                version[p]++;
                queue.add(entry(s, prev, p, version[p], target));
            }
            count--;
        }
        List<SceneTracker.Scene> out = new ArrayList<>(max);
        for (int i = 0; i >= 0; i = next[i]) {
            out.add(s[i]);
        }
        return out;
    }

    /** Weight of a cut of {@code strength} between scenes of lengths {@code a} and {@code b} (see the class comment). */
    static double weight(double strength, double a, double b, double share) {
        double shorter = Math.max(0.0, Math.min(a, b));
        double merged = Math.max(0.0, a + b);
        return strength * Math.sqrt(Math.min(1.0, shorter / share)) * Math.sqrt(Math.min(1.0, merged / (2 * share)));
    }

    private static double[] entry(SceneTracker.Scene[] s, int[] prev, int i, int version, double share) {
        return new double[] {weight(s[i].strength(), s[prev[i]].length(), s[i].length(), share), i, version};
    }

    /** Turns scenes into keyframes. */
    static List<Keyframe> keyframes(List<SceneTracker.Scene> scenes) {
        List<Keyframe> out = new ArrayList<>(scenes.size());
        for (SceneTracker.Scene sc : scenes) {
            out.add(new Keyframe(sc.repPts(), sc.start(), sc.end()));
        }
        return out;
    }

    /** {@code count} evenly spaced keyframes at {@code (i + 0.5) * duration / count}. */
    static List<Keyframe> even(int count, double durationS) {
        List<Keyframe> out = new ArrayList<>(count);
        double d = Math.max(durationS, 0.0);
        for (int i = 0; i < count; i++) {
            out.add(new Keyframe((i + 0.5) * d / count, i * d / count, (i + 1) * d / count));
        }
        return out;
    }
}
