package dev.videoclass.examples;

import dev.videoclass.json.VerdictJson;
import dev.videoclass.live.GapEvent;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveListener;
import dev.videoclass.live.TransitionEvent;
import dev.videoclass.live.WindowEvent;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code watch} command's output: one JSON object per line and per event, flushed at once, with a
 * {@code type} of {@code window}, {@code became_explicit}, {@code became_safe}, {@code gap} or
 * {@code error}. Times are ISO-8601 (UTC, milliseconds), stream times in seconds. Thread safe.
 */
final class LiveJsonLines implements LiveListener {
    private final PrintStream out;

    LiveJsonLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onWindow(WindowEvent w) {
        Map<String, Object> json = start("window", w.url());
        json.put("start_pts_s", w.startPtsS());
        json.put("end_pts_s", w.endPtsS());
        json.put("start_time", time(w.startTime()));
        json.put("end_time", time(w.endTime()));
        json.put("is_explicit", w.isExplicit());
        json.put("explicit_score", w.explicitScore());
        json.put("quality_score", w.qualityScore());
        json.put("scene_tags", w.tags());
        json.put("evidence", w.evidence());
        json.put("frames", w.frames());
        if (w.dropped() > 0) {
            json.put("dropped", w.dropped());
        }
        print(json);
    }

    @Override
    public void onTransition(TransitionEvent t) {
        Map<String, Object> json = start(t.kind().wireName(), t.url());
        json.put("pts_s", t.ptsS());
        json.put("time", time(t.time()));
        json.put("explicit_score", t.explicitScore());
        json.put("windows", t.windows());
        print(json);
    }

    @Override
    public void onGap(GapEvent g) {
        Map<String, Object> json = start("gap", g.url());
        json.put("reason", g.reason().wireName());
        json.put("from_time", time(g.from()));
        json.put("to_time", time(g.to()));
        json.put("seconds", g.seconds());
        json.put("attempts", g.attempts());
        print(json);
    }

    @Override
    public void onError(LiveError e) {
        print(error(e.url(), e.kind().wireName(), e.message(), e.fatal(), e.time()));
    }

    /** An {@code error} line of the command's own (not from the monitor). */
    static Map<String, Object> error(String url, String kind, String message, boolean fatal, Instant at) {
        Map<String, Object> json = start("error", url);
        json.put("kind", kind);
        json.put("message", message);
        json.put("fatal", fatal);
        json.put("time", time(at));
        return json;
    }

    private static Map<String, Object> start(String type, String url) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("url", url);
        return json;
    }

    static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    synchronized void print(Map<String, Object> json) {
        out.println(VerdictJson.toJson(json));
        out.flush();
    }
}
