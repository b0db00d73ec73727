package dev.videoclass.scene.internal;

import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.PacketInfo;
import dev.videoclass.SamplingResult;
import dev.videoclass.VideoException;
import dev.videoclass.scene.SceneDetector;

import java.util.List;
import java.util.function.DoublePredicate;

/**
 * AUTO: decides from the I-frames and, where the source reports them
 * ({@link FrameSource#packetsRead()}: the FFmpeg source lists every packet it demuxed, with its
 * picture type, at no extra I/O), the packets, which passes a video needs. The rules it applies are
 * in {@link IntervalRules}, {@link SuspectPackets} and {@link PacketEvidence}.
 *
 * <ol>
 *   <li>A source that can demux ahead ({@link FrameSource#scanPackets}) is first read without
 *       decoding: {@value IntervalRules#CADENCE_PREFIX_S} s, and all of it when those key packets look
 *       like a short fixed cadence. When all of them form one, the keyframe pass is skipped: only
 *       the I-frames the rules look at are decoded ({@link SparseKeyDecoder}), then the plan is
 *       refined as in step 4. On a phone's 1 s cadence this decodes a handful of I-frames instead of
 *       one per second of video. Otherwise the keyframe pass runs ({@link KeyframePass}).</li>
 *   <li>At most one I-frame: a video of at most {@value #SHORT_CLIP_S} s whose packets show no
 *       evidence of a cut keeps it ({@code "auto:keyframes"}); else the exact pass ({@code "auto:exact"}).</li>
 *   <li>Irregular I-frames: an encoder placed them at the cuts it saw, but encoders do not give every
 *       cut one (a cut within {@code min-keyint} of the last I-frame, a cut between similar shots
 *       under the encoder's scene-cut threshold), so the I-frames alone are never trusted. Decoded
 *       ({@code "auto:refined"}): each interval up to its last packet evidence of a cut
 *       ({@link PacketEvidence}); each interval whose closing I-frame the GOP length placed
 *       ({@link IntervalRules#markForced}) and each whose I-frames differ without a cut
 *       ({@link IntervalRules#markChangedWithoutCut}), while its I-frames differ, up to its last
 *       evidence and on while its frames differ from its closing I-frame ({@link ClosingKeyFrame}):
 *       once they no longer do, what changed between the two has happened. The other intervals keep
 *       their key-frame cuts ({@code "auto:keyframes"} when nothing is decoded). A decoded cut that
 *       neither an I-frame nor packet evidence foretold (a <em>silent</em> cut) shows that this
 *       video's cuts can hide from both: AUTO stops refining and runs the exact pass. A detector that
 *       judges a frame by its neighbours ({@link SceneDetector#contextFrames()} above 0) cannot judge
 *       key frames placed at cuts, whose neighbours are other cuts: the exact pass.</li>
 *   <li>A short fixed cadence with at least three I-frames: I-frames carry no information about
 *       cuts, but they are dense. With packet data the intervals with suspects, and the changed ones
 *       whose key sizes jump (while their frames differ from the closing I-frame), are decoded;
 *       every other interval is taken to hold no cut, except a
 *       still interval, whose changed closing I-frame is a cut. Without packet data every changed
 *       interval is decoded, in the same way.</li>
 *   <li>A longer fixed cadence: the exact pass.</li>
 * </ol>
 * With packet data, a plan that covers more than {@value IntervalRules#REFINE_MAX_COVERAGE_IRREGULAR}
 * of the packets (irregular I-frames) or {@value IntervalRules#REFINE_MAX_COVERAGE} (a fixed cadence)
 * runs the exact pass instead.
 *
 * <p>Known blind spots: on irregular I-frames, a cut between two similar busy shots inside an
 * interval whose I-frames differ by a cut, when no other decoded stretch of the video shows a silent
 * cut (its packets do not stand out, and nothing is decoded there); on a fixed cadence with packet
 * data, a cut whose picture is not outsized and whose key pictures do not jump (high-motion content
 * cut to content of similar complexity), and a cut exactly on a key frame inside moving content
 * (with a 1 s cadence at 30 fps about one cut in 30) — while pans and zooms, which the I-frames alone
 * cannot tell from cuts, are far more common. In an interval decoded only while its frames differ
 * from its closing I-frame: a scene with no packet evidence that starts after they first look alike
 * (a cutaway back to a shot that had already come to look like the closing I-frame). A change that
 * builds up gradually is not a cut, as in the exact pass.
 */
public final class AutoPlanner {
    /** Videos up to this long may be judged on a single I-frame, seconds. */
    public static final double SHORT_CLIP_S = 2.0;
    /** A cut found by decoding within this many frames of an I-frame was foretold by it. */
    public static final double SILENT_KEY_FRAMES = 1.5;

    private AutoPlanner() {
    }

    /** Mode {@code auto}. */
    public static SamplingResult sample(Sampling s) throws VideoException {
        FrameSource source = s.source();
        // a demux pass pays off only on a fixed cadence; the first seconds tell whether one is
        // likely before the whole file (up to 1 GiB) is read an extra time
        if (source.scanPackets(IntervalRules.CADENCE_PREFIX_S)
                && IntervalRules.looksLikeShortCadence(source.packetsRead(), s.fps())
                && source.scanPackets(Double.POSITIVE_INFINITY)) {
            SamplingResult fromPackets = fromPackets(s);
            if (fromPackets != null) {
                return fromPackets;
            }
        }
        return afterKeyframePass(s, KeyframePass.run(s));
    }

    /** Steps 2 to 5 after a keyframe pass. */
    private static SamplingResult afterKeyframePass(Sampling s, KeyframePass.Result kp) throws VideoException {
        KeyFrames k = kp.keys();
        PassResult pass = kp.pass();
        List<PacketInfo> packets = s.source().packetsRead();
        if (k.count() <= 1) {
            // a short clip keeps its single I-frame unless its packets show a cut coded without
            // one; then (and for longer videos) the exact pass, cheap for a clip this short
            double known = s.knownDuration();
            if (k.count() == 1 && known > 0 && known <= SHORT_CLIP_S
                    && PacketEvidence.find(packets, s.info(), s.fps(), s.policy().minSceneLenFrames()).times().length == 0) {
                return pass.finish(s.policy(), "auto:keyframes", s.duration(k.lastPts()));
            }
            return exact(s, pass.framesAnalysed());
        }
        SceneDetector detector = s.detector(SceneDetector.Stream.KEY_FRAMES);
        IntervalRules.Cadence c = IntervalRules.cadenceOf(k, s.fps());
        if (!c.regular()) {
            if (detector.contextFrames() > 0) {
                return exact(s, pass.framesAnalysed());
            }
            return irregular(s, k, pass, packets, detector.minCutScore());
        }
        double[] evidence = IntervalRules.suspectIntervals(k, SuspectPackets.find(packets, s.info()));
        double[] until = evidence.clone();
        if (!c.isShort() || k.count() < 3) {
            return exact(s, pass.framesAnalysed());
        }
        if (packets.isEmpty()) {
            // no packet data: every interval whose I-frames differ enough may hold a cut
            IntervalRules.markChanged(k, until, detector.minCutScore(), null);
            return Refinement.run(s, k, detector.minCutScore(), pass.framesAnalysed(), until, evidence,
                    all(k.count() + 1), null);
        }
        // packet data: suspects, plus changed intervals whose key pictures jump in size (a cut
        // into simpler content, whose picture is not outsized); the rest changed gradually
        double[] keySize = IntervalRules.keySizes(k, packets, s.fps());
        IntervalRules.markChanged(k, until, detector.minCutScore(), keySize);
        boolean[] still = IntervalRules.stillIntervals(k, packets, keySize, s.info());
        return refineUnlessWide(s, k, detector, pass.framesAnalysed(), until, evidence, still, packets, null);
    }

    /**
     * Step 3: I-frames an encoder placed at the cuts it saw; see the class comment. Returns the
     * refined result, the key-frame result when nothing needs decoding, or the exact pass's when the
     * plan is too wide or a silent cut turns up.
     */
    private static SamplingResult irregular(Sampling s, KeyFrames k, PassResult pass, List<PacketInfo> packets,
                                            double minCutScore) throws VideoException {
        double fps = s.fps();
        PacketEvidence evidence = PacketEvidence.find(packets, s.info(), fps, s.policy().minSceneLenFrames());
        double[] evidenceUntil = IntervalRules.suspectIntervals(k, evidence.times());
        double[] until = evidenceUntil.clone();
        IntervalRules.markForced(k, until, fps, minCutScore);
        IntervalRules.markChangedWithoutCut(k, until, minCutScore);
        if (!IntervalRules.any(until)) {
            return pass.finish(s.policy(), "auto:keyframes", s.duration(k.lastPts()));
        }
        if (IntervalRules.coverage(k, until, packets) > IntervalRules.REFINE_MAX_COVERAGE_IRREGULAR) {
            return exact(s, pass.framesAnalysed());
        }
        Refinement r = new Refinement(s, k, minCutScore, pass.framesAnalysed(), true);
        DoublePredicate silent = cut -> !k.near(cut, SILENT_KEY_FRAMES / fps) && !evidence.explains(cut, fps);
        if (!r.decode(until, evidenceUntil, all(k.count() + 1), silent)) {
            return exact(s, r.analysed());
        }
        return r.finish(null);
    }

    /**
     * Step 1: AUTO on a short fixed cadence, decided from a demux pass instead of a keyframe pass.
     * The cuts are the same as after a full keyframe pass as long as every key packet shown from the
     * stream's start decodes as a key frame; those the rules need are checked, and one that does not
     * decode sends AUTO back to the keyframe pass (a container could flag as key a picture the
     * decoder does not take as one, an H.264 I slice without a recovery point, and the two passes
     * would then see different I-frame lists). Returns null, and the caller runs the keyframe pass,
     * when the key packets do not form a short fixed cadence or a needed I-frame does not decode.
     */
    private static SamplingResult fromPackets(Sampling s) throws VideoException {
        List<PacketInfo> packets = s.source().packetsRead();
        double[] keyTimes = IntervalRules.keyTimes(packets, s.fps());
        int n = keyTimes.length;
        if (n < 3 || !IntervalRules.cadenceOf(keyTimes, n, s.fps()).isShort()) {
            return null;
        }
        SceneDetector detector = s.detector(SceneDetector.Stream.KEY_FRAMES);
        SparseKeyDecoder decoder = new SparseKeyDecoder(s.source(), keyTimes, detector);
        KeyFrames k = decoder.keys();
        double[] keySize = IntervalRules.keySizes(k, packets, s.fps());
        boolean[] still = IntervalRules.stillIntervals(k, packets, keySize, s.info());
        // the rules need the score of the intervals whose key sizes jump or that hold still content
        for (int i = 1; i < n; i++) {
            if ((still[i] || IntervalRules.sizeJump(keySize[i - 1], keySize[i]))
                    && !(decoder.decode(i - 1) && decoder.decode(i))) {
                return null;
            }
        }
        double[] evidence = IntervalRules.suspectIntervals(k, SuspectPackets.find(packets, s.info()));
        double[] until = evidence.clone();
        IntervalRules.markChanged(k, until, detector.minCutScore(), keySize);
        return refineUnlessWide(s, k, detector, decoder.decoded(), until, evidence, still, packets, decoder);
    }

    /** Refines the plan, or runs the exact pass when it covers too much of the video. */
    private static SamplingResult refineUnlessWide(Sampling s, KeyFrames k, SceneDetector detector, long analysed,
                                                   double[] until, double[] evidence, boolean[] keyframeCuts,
                                                   List<PacketInfo> packets, SparseKeyDecoder sparse) throws VideoException {
        if (IntervalRules.coverage(k, until, packets) > IntervalRules.REFINE_MAX_COVERAGE) {
            return exact(s, analysed);
        }
        return Refinement.run(s, k, detector.minCutScore(), analysed, until, evidence, keyframeCuts, sparse);
    }

    private static SamplingResult exact(Sampling s, long alreadyAnalysed) throws VideoException {
        PassResult p = ExactPass.run(s).plusAnalysed(alreadyAnalysed);
        return p.finish(s.policy(), "auto:exact", s.duration(p.lastPts()));
    }

    private static boolean[] all(int n) {
        boolean[] out = new boolean[n];
        java.util.Arrays.fill(out, true);
        return out;
    }
}
