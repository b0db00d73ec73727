package dev.videoclass.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double: keeps every event, in order. */
final class RecordingListener implements LiveListener {
    final List<Object> events = new CopyOnWriteArrayList<>();
    final List<WindowEvent> windows = new CopyOnWriteArrayList<>();
    final List<TransitionEvent> transitions = new CopyOnWriteArrayList<>();
    final List<GapEvent> gaps = new CopyOnWriteArrayList<>();
    final List<LiveError> errors = new CopyOnWriteArrayList<>();
    final List<SampledFrame> frames = new CopyOnWriteArrayList<>();

    @Override
    public void onWindow(WindowEvent w) {
        windows.add(w);
        events.add(w);
    }

    @Override
    public void onTransition(TransitionEvent t) {
        transitions.add(t);
        events.add(t);
    }

    @Override
    public void onGap(GapEvent g) {
        gaps.add(g);
        events.add(g);
    }

    @Override
    public void onError(LiveError e) {
        errors.add(e);
        events.add(e);
    }

    @Override
    public void onFrame(SampledFrame f) {
        frames.add(f);
    }

    LiveError fatal() {
        return errors.stream().filter(LiveError::fatal).findFirst().orElse(null);
    }
}
