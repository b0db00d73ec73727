package dev.videoclass.scene;

import dev.videoclass.DecodeMode;
import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.FrameSource;
import dev.videoclass.Keyframe;
import dev.videoclass.KeyframeSampler;
import dev.videoclass.PacketInfo;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInfo;
import dev.videoclass.heuristic.ImageMeasures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scene-change {@link KeyframeSampler}: finds hard cuts with {@link ContentDetector}, picks one
 * representative frame per scene and clamps the result to the policy's {@code [min, max]} band.
 * Stateless and thread safe; all per-video state lives in the call. Times are seconds of
 * presentation time.
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li>{@link SamplerMode#EXACT} ({@code "exact"}): every analysis frame from
 *       {@link FrameSource#next()} goes through the detector with PySceneDetect's defaults (MERGE
 *       flash filter, minimum scene length in frames).</li>
 *   <li>{@link SamplerMode#KEYFRAMES} ({@code "keyframes"}): {@code seek(0, KEYFRAMES_ONLY)}, then
 *       the detector compares consecutive coded I-frames; the minimum scene length becomes
 *       {@code minSceneLenFrames / fps} seconds ({@link VideoInfo#frameRate()}, 30 if unknown) and
 *       the SUPPRESS filter is used (on I-frames placed at cuts nearly every comparison is above
 *       threshold, and MERGE would wait forever for a quiet frame).</li>
 *   <li>{@link SamplerMode#AUTO}: the keyframe pass first, then a decision from the I-frame
 *       timestamps and, where the source reports them ({@link FrameSource#packetsRead()}: after the
 *       keyframe pass the FFmpeg source lists every packet at no extra I/O), the packet sizes.
 *       <p><b>Suspect packets.</b> A non-key packet is suspect — a cut the encoder coded as an intra
 *       picture without the key flag (x265 non-key I pictures, x264 P pictures made of intra blocks), or
 *       with B-frames the first forward reference after a cut — when all three hold: it is at least
 *       {@value SuspectPackets#SUSPECT_FACTOR} x the {@value SuspectPackets#SUSPECT_QUANTILE} quantile of the non-key packets within
 *       {@value SuspectPackets#SUSPECT_WINDOW} packets either side in decode order (the larger predicted pictures,
 *       not the B-frames a median would pick); at least {@value SuspectPackets#SUSPECT_KEY_SHARE} of the smaller of
 *       the key packets before and after it (an intra picture costs about an I-frame of its scene); and
 *       at least {@value SuspectPackets#SUSPECT_MIN_BITS_PER_PIXEL} bits per coded pixel (tiny packets of static
 *       content never count). Every I-frame interval {@code [A,B]} holding a suspect at {@code s} is
 *       decoded from {@code A} ({@code seek(A, ALL_FRAMES)}) up to its last suspect: the cut is at or
 *       before the suspect's frame. The I-frame {@code B} is then compared with the last decoded frame,
 *       so a cut between the suspect and {@code B} is still seen (at {@code B}). This also finds a
 *       scene that starts and ends between two I-frames that look alike.
 *     <ol>
 *       <li>at most one I-frame in a video longer than {@value #SHORT_CLIP_S} s (or of unknown
 *           duration), or in a shorter one whose packets hold a suspect: the exact pass
 *           ({@code "auto:exact"});</li>
 *       <li>the gaps between consecutive I-frames are <em>irregular</em> — fewer than
 *           {@value #CADENCE_SHARE} of them within a tolerance (1.5 frame durations or 2 %) of the
 *           dominant gap — which is what encoders that put I-frames at scene cuts (x264/x265
 *           defaults) produce: the keyframe result stands ({@code "auto:keyframes"}) unless there are
 *           suspect packets; then their intervals are decoded as above and the rest keep their
 *           keyframe cuts ({@code "auto:refined"});</li>
 *       <li>a fixed cadence of at most {@value #REFINE_MAX_CADENCE_S} s (phones, streaming
 *           encoders): I-frames carry no information about cuts, but they are dense.
 *           <ul>
 *             <li><em>With packet data</em>: a cut that does not fall on a key frame shows in the
 *                 packets — as a suspect packet when the new scene costs more than the old one's
 *                 predicted pictures, or, when it is a cut into simpler content after complex moving
 *                 content (whose picture is not outsized), as key pictures on either side that differ
 *                 in size by {@value #KEY_SIZE_JUMP}x or more. So only the intervals with suspects
 *                 (up to their last suspect, as above) and the intervals whose content value is at
 *                 least {@value #REFINE_CANDIDATE_FACTOR} x threshold and whose key sizes jump
 *                 (completely) are decoded ({@code "auto:refined"}); every other interval is taken
 *                 to hold no cut, however much its I-frames differ: zooms, pans and busy content
 *                 change I-frames a second apart without any packet standing out — except an
 *                 interval whose predicted packets show still content
 *                 ({@value #STILL_BYTES} bytes plus {@value #STILL_BYTES_PER_PIXEL} per pixel or less): there the change
 *                 happened at the closing I-frame, and a content value over the threshold is a cut
 *                 at it (slideshows and edits of still shots, cut on the cadence). The trade-off: a
 *                 cut that lands exactly on a key frame of the cadence inside moving content leaves
 *                 no packet trace and is missed unless the key sizes jump (with a 1 s cadence at
 *                 30 fps about one cut in 30), while pans and zooms, which the I-frames alone cannot
 *                 tell from cuts, are far more common. With nothing to decode the result is
 *                 {@code "auto:keyframes"}.
 *                 <br>A source that can demux ahead ({@link FrameSource#scanPackets}, the FFmpeg one)
 *                 is first read without decoding: {@value #CADENCE_PREFIX_S} s, and the rest of it
 *                 when their key packets look like such a cadence. When all of them form one, the
 *                 keyframe pass is skipped: only the I-frames these rules look at (those around
 *                 intervals whose key sizes jump or that hold still content) are decoded, one by one
 *                 ({@link FrameSource#keyframe}), which gives the keyframe pass's cuts; each scene then gets
 *                 {@value #SCENE_CANDIDATES} decoded I-frames spread over it as representative candidates.
 *                 On a phone's 1 s cadence this decodes a handful of I-frames instead of one per
 *                 second of video.</li>
 *             <li><em>Without packet data</em> (other sources): every interval {@code [A,B]} of
 *                 consecutive I-frames whose content value is at least
 *                 {@value #REFINE_CANDIDATE_FACTOR} x threshold is decoded completely
 *                 ({@code "auto:refined"}).</li>
 *           </ul>
 *           A change that builds up gradually (no frame reaches the threshold) is not a cut, as in
 *           exact mode.</li>
 *       <li>a fixed cadence longer than that (or a single gap): the exact pass
 *           ({@code "auto:exact"}).</li>
 *     </ol>
 *     <b>Coverage.</b> With packet data, when the intervals to decode (from their opening I-frame to
 *     where their decoding stops) hold more than {@value #REFINE_MAX_COVERAGE} of the packets, the exact
 *     pass runs instead ({@code "auto:exact"}): one sequential pass costs less than that many seeks and
 *     re-decoded I-frames, and gives exact semantics everywhere.
 *     <p><b>Refined runs.</b> Decoded frames go through a detector with exact mode's semantics: the
 *     MERGE filter with the minimum scene length in frames (adjacent intervals are decoded in one run;
 *     frames skipped between a run's last suspect and the closing I-frame count towards the length).
 *     A run that starts at the first I-frame starts as the exact pass does. A run that starts later
 *     does not know the frames before it and guesses them from its first comparison: above threshold
 *     means a busy stretch was already going on (merged, as exact mode merges it once a cut was
 *     reported; no cut at the run's start), below means quiet (the next above-threshold frame is a
 *     cut). A merge still pending where a run ends, unless the video ends there, is resolved as more
 *     of the same content would resolve it in exact mode: after a below-threshold last frame one cut
 *     at the merge's last above-threshold frame (the end of the busy stretch), after an
 *     above-threshold one nothing (the busy stretch goes on; at the real end exact mode drops it too).
 *     Where the guess cannot match exact mode it misses a cut rather than inventing one (a cut into
 *     busy content on the frame right after a run's opening I-frame is taken as busy history).
 *     Intervals not decoded contribute their keyframe cut (closing I-frame at least threshold away
 *     from the opening one) only with irregular I-frames; the cuts of both kinds form one
 *     time-ordered list and the minimum scene length is applied once more over it, in seconds,
 *     counted from the first frame. Without packet information there are no suspects and the
 *     rule is the I-frame rule alone. Remaining blind spots: a cut whose picture is not outsized and
 *     whose key pictures do not jump (high-motion content where every P picture is large, cut to
 *     content of similar complexity), and, on a fixed cadence with packet data, a cut exactly on a
 *     key frame.</li>
 *   <li>{@link SamplerMode#UNIFORM} ({@code "uniform"}): one keyframe in the middle of every
 *       {@code uniformIntervalS} interval of {@link VideoInfo#durationS()}; nothing is decoded (unless
 *       the duration is unknown, when one keyframe pass finds the last timestamp). More intervals than
 *       {@code maxKeyframes} become {@code maxKeyframes} evenly spaced ones.</li>
 * </ul>
 *
 * <h2>Representative frame</h2>
 * For each scene, the analysed frame with the highest sharpness (variance of the 3x3 Laplacian of the
 * luma, {@link ImageMeasures#laplacianVariance}) among those at least {@value #SKIP_AFTER_CUT_S} s after
 * the scene start, falling back to the sharpest of all its frames when the scene is shorter than that.
 * Why: sharp frames score more reliably than motion-blurred ones, and the first frames after a cut
 * are where dissolves, fades and encoder ramp-up sit. In keyframe-based modes the candidates are the
 * scene's I-frames (plus the fully decoded frames in {@code auto:refined}), so capture lands exactly on
 * a frame the decoder can reach cheaply. Selection is streaming: per scene only the current best
 * candidate's timestamp and score are kept, never a frame.
 *
 * <h2>Clamping</h2>
 * More scenes than {@code maxKeyframes}: cuts are dropped one at a time, lowest weight first, where
 * the weight is the cut's strength scaled down when it fences off a scene shorter than
 * {@code share = duration / max} and when the scene the merge would create is still short —
 * {@code strength * sqrt(min(1, min(a, b) / share)) * sqrt(min(1, (a + b) / (2 * share)))} for a cut
 * between scenes of lengths {@code a} and {@code b}: weak cuts go before strong ones, cuts fencing off tiny scenes go first, and the
 * surviving scenes are of comparable length. A merged scene keeps the representative of its longest
 * original scene. Fewer scenes than {@code minKeyframes}: {@code minKeyframes} evenly spaced
 * frames at {@code (i + 0.5) * duration / min}, and {@code "+even"} is appended to the sampler name.
 * {@link SamplingResult#cuts()} always lists every accepted cut (timestamp of the first frame of the
 * new scene) before clamping.
 */
public final class SceneSampler implements KeyframeSampler {

    /** Frames this close after a cut are only used as representative when nothing later is in the scene. */
    public static final double SKIP_AFTER_CUT_S = 0.2;
    /** Longest fixed I-frame cadence that AUTO refines instead of running the exact pass, seconds. */
    public static final double REFINE_MAX_CADENCE_S = 2.0;
    /** Videos up to this long may be judged on a single I-frame in AUTO, seconds. */
    public static final double SHORT_CLIP_S = 2.0;
    /** Share of I-frame gaps that must match the dominant gap for a fixed cadence. */
    public static final double CADENCE_SHARE = 0.75;
    /** In AUTO refinement, I-frame intervals with a content value of at least this times the threshold are decoded. */
    public static final double REFINE_CANDIDATE_FACTOR = 0.5;
    /**
     * On a fixed cadence with packet data, a changed I-frame interval is also decoded when the larger
     * of its two key packets is at least this many times the smaller one. A cut into simpler content
     * after complex, moving content is coded as a picture smaller than the old scene's predicted
     * pictures, so no packet stands out, but the next key picture is much cheaper: 2.5x measured for
     * a zoom into the Mandelbrot set cut to a test pattern (x265, 640x360), while consecutive key
     * pictures of the zoom itself differed by at most 1.28x and those of busy noise by 1.01x.
     */
    public static final double KEY_SIZE_JUMP = 1.5;
    /**
     * On a fixed cadence with packet data, an I-frame interval whose predicted packets average at most
     * {@link #STILL_BYTES} plus this many bytes per pixel (and at most {@link #STILL_INTERVAL_SHARE}
     * of its smaller key packet) held still content: whatever differs between its two I-frames changed
     * at the closing I-frame, so a content value over the threshold there is a cut at that key frame.
     * Slideshows and edits of rendered still shots cut exactly on the cadence. A still predicted
     * picture is skip blocks: headers plus a little per block. Measured (x265 fast / x264 veryfast,
     * means of 88 predicted pictures): 31 / 13 bytes at 320x240, 287 / 68 at 1920x1080, 992 / 236 at
     * 3840x2160. Moving content costs more even when perfectly predicted: a scrolling cellular
     * automaton, where each predicted picture codes only the new row, took 651 bytes at 640x360 and
     * 1691 at 1920x1080 (x265) and must not count as still. The bound (64 + 0.0003 x pixels: 87,
     * 686 and 2552 bytes at those sizes) sits about midway, on a log scale, between the two.
     */
    public static final double STILL_BYTES_PER_PIXEL = 0.0003;
    /** See {@link #STILL_BYTES_PER_PIXEL}: the fixed part of the bound, in bytes (headers). */
    public static final double STILL_BYTES = 64;
    /** See {@link #STILL_BYTES_PER_PIXEL}: the predicted packets' mean against the smaller key packet. */
    public static final double STILL_INTERVAL_SHARE = 0.05;
    /**
     * AUTO runs the exact pass instead of refining when the intervals to decode hold more than this
     * share of the packets. A refined run costs more per frame than the sequential pass (a seek and
     * decoder flush per run, the opening I-frame decoded a second time, and the keyframe pass already
     * spent): 6.3 ms against 4.9 ms per 1080p frame measured, so refining stops paying off well
     * before it covers the stream; and wide coverage means content where the I-frame and packet
     * signals are weak, where one pass with exact semantics is the safer answer.
     */
    public static final double REFINE_MAX_COVERAGE = 0.4;
    /**
     * When AUTO decodes only some I-frames ({@code FrameSource#scanPackets}), each scene gets at least
     * this many decoded I-frames (or all it has, if fewer) to choose its representative from, so that
     * the choice is not an accident of which I-frames the rules happened to need. Each one more costs
     * a key-frame decode (about 20 ms at 1080p HEVC on 2 cores); two already let the sharper of two
     * spread-out pictures win.
     */
    public static final int SCENE_CANDIDATES = 2;
    /**
     * AUTO demuxes this many seconds ahead first and reads the rest of the file without decoding
     * only when their key packets look like a fixed cadence of at most {@link #REFINE_MAX_CADENCE_S}.
     */
    public static final double CADENCE_PREFIX_S = 10.0;

    private static final double FALLBACK_FPS = 30.0;
    private static final double EPS = 1e-6;

    /** Creates the sampler; it holds no state. */
    public SceneSampler() {
    }

    @Override
    public SamplingResult sample(FrameSource source, SamplingPolicy policy) throws VideoException {
        return switch (policy.mode()) {
            case UNIFORM -> uniform(source, policy);
            case EXACT -> {
                source.seek(0, DecodeMode.ALL_FRAMES);
                Pass p = exactPass(source, policy);
                yield finish(p, policy, "exact", duration(source.info(), p.lastPts, fps(source.info())));
            }
            case KEYFRAMES -> {
                KeyPass k = keyframePass(source, policy);
                if (k.count == 0) {
                    throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no key frame could be decoded");
                }
                yield finish(k.pass, policy, "keyframes", duration(source.info(), k.lastPts(), fps(source.info())));
            }
            case AUTO -> auto(source, policy);
        };
    }

    // ---------------------------------------------------------------- AUTO

    private SamplingResult auto(FrameSource source, SamplingPolicy policy) throws VideoException {
        VideoInfo info = source.info();
        double fps = fps(info);
        // a demux pass pays off only on a fixed cadence; the first seconds tell whether one is
        // likely before the whole file (up to 1 GiB) is read an extra time
        if (source.scanPackets(CADENCE_PREFIX_S) && looksLikeShortCadence(source.packetsRead(), fps)
                && source.scanPackets(Double.POSITIVE_INFINITY)) {
            SamplingResult fromPackets = autoFromPackets(source, policy, info, fps);
            if (fromPackets != null) {
                return fromPackets;
            }
        }
        KeyPass k = keyframePass(source, policy);
        double knownDuration = knownDuration(info);
        if (k.count <= 1) {
            // a short clip keeps its single I-frame unless its packets show a cut coded without
            // one; then (and for longer videos) the exact pass, cheap for a clip this short
            if (k.count == 1 && knownDuration > 0 && knownDuration <= SHORT_CLIP_S
                    && SuspectPackets.find(source.packetsRead(), info).length == 0) {
                return finish(k.pass, policy, "auto:keyframes", duration(info, k.lastPts(), fps));
            }
            return autoExact(source, policy, k.pass.framesAnalysed);
        }
        Cadence c = cadenceOf(k.pts, k.count, fps);
        List<PacketInfo> packets = source.packetsRead();
        double[] until = suspectIntervals(k, SuspectPackets.find(packets, info));
        if (!c.regular) {
            boolean any = false;
            for (double u : until) {
                any |= !Double.isNaN(u);
            }
            if (!any) {
                return finish(k.pass, policy, "auto:keyframes", duration(info, k.lastPts(), fps));
            }
            if (coverage(k, until, packets) > REFINE_MAX_COVERAGE) {
                return autoExact(source, policy, k.pass.framesAnalysed);
            }
            return refine(source, policy, k, fps, until, all(k.count + 1, true), null);
        }
        if (c.interval <= REFINE_MAX_CADENCE_S + EPS && k.count >= 3) {
            double candidate = REFINE_CANDIDATE_FACTOR * policy.threshold();
            if (packets.isEmpty()) {
                // no packet data: every interval whose I-frames differ enough may hold a cut
                for (int i = 1; i < k.count; i++) {
                    if (k.diff[i] >= candidate) {
                        until[i] = k.pts[i]; // the whole interval
                    }
                }
                return refine(source, policy, k, fps, until, all(k.count + 1, true), null);
            }
            // packet data: suspects, plus changed intervals whose key pictures jump in size (a cut
            // into simpler content, whose picture is not outsized); the rest changed gradually
            double[] keySize = keySizes(k, packets, fps);
            for (int i = 1; i < k.count; i++) {
                if (k.diff[i] >= candidate && sizeJump(keySize[i - 1], keySize[i])) {
                    until[i] = k.pts[i];
                }
            }
            if (coverage(k, until, packets) > REFINE_MAX_COVERAGE) {
                return autoExact(source, policy, k.pass.framesAnalysed);
            }
            return refine(source, policy, k, fps, until, stillIntervals(k, packets, keySize, info), null);
        }
        return autoExact(source, policy, k.pass.framesAnalysed);
    }

    /**
     * AUTO on a fixed cadence, decided from a demux pass ({@link FrameSource#scanPackets}) instead of
     * a keyframe pass: the rules of the fixed-cadence branch need the content of only the I-frames
     * around intervals whose key sizes jump or whose packets show still content, so only those are
     * decoded ({@link FrameSource#keyframe}), plus I-frames up to {@value #SCENE_CANDIDATES} per scene
     * as representative candidates ({@link #addSceneCandidates}). The cuts are the same as after a
     * full keyframe pass as long as every key packet shown from the stream's start decodes as a key
     * frame (those the rules need are checked: one that does not decode sends AUTO back to the
     * keyframe pass; a container could flag as key a picture the decoder does not take as one, an
     * H.264 I slice without a recovery point, and the two passes would then see different I-frame
     * lists). Returns null, and the caller runs the keyframe pass, when the key packets do
     * not form a fixed cadence of at most {@value #REFINE_MAX_CADENCE_S} s or a needed I-frame does
     * not decode.
     */
    private SamplingResult autoFromPackets(FrameSource source, SamplingPolicy policy, VideoInfo info, double fps)
            throws VideoException {
        List<PacketInfo> packets = source.packetsRead();
        double[] keys = keyTimes(packets, fps);
        int n = keys.length;
        if (n < 3) {
            return null;
        }
        Cadence c = cadenceOf(keys, n, fps);
        if (!c.regular || c.interval > REFINE_MAX_CADENCE_S + EPS) {
            return null;
        }
        double[] sharp = new double[n];
        double[] diff = new double[n];
        Arrays.fill(sharp, Double.NaN);
        Arrays.fill(diff, Double.NaN);
        KeyPass k = new KeyPass(new Pass(new SceneTracker(SKIP_AFTER_CUT_S), 0, keys[n - 1], n), keys, sharp, diff, n);
        double[] keySize = keySizes(k, packets, fps);
        boolean[] still = stillIntervals(k, packets, keySize, info);
        SparseKeys decoder = new SparseKeys(source, k, policy);
        for (int i = 1; i < n; i++) {
            if ((still[i] || sizeJump(keySize[i - 1], keySize[i]))
                    && !(decoder.decode(i - 1) && decoder.decode(i))) {
                return null;
            }
        }
        double candidate = REFINE_CANDIDATE_FACTOR * policy.threshold();
        double[] until = suspectIntervals(k, SuspectPackets.find(packets, info));
        for (int i = 1; i < n; i++) {
            if (diff[i] >= candidate && sizeJump(keySize[i - 1], keySize[i])) {
                until[i] = keys[i];
            }
        }
        if (coverage(k, until, packets) > REFINE_MAX_COVERAGE) {
            return autoExact(source, policy, decoder.decoded);
        }
        return refine(source, policy, k, fps, until, still, decoder);
    }

    /**
     * Whether the key packets presented in the first {@value #CADENCE_PREFIX_S} s (at least three)
     * are spaced on a regular cadence of at most {@value #REFINE_MAX_CADENCE_S} s.
     */
    static boolean looksLikeShortCadence(List<PacketInfo> packets, double fps) {
        double[] keys = keyTimes(packets, fps);
        int n = Sorted.upperBound(keys, CADENCE_PREFIX_S + EPS);
        if (n < 3) {
            return false;
        }
        Cadence c = cadenceOf(keys, n, fps);
        return c.regular && c.interval <= REFINE_MAX_CADENCE_S + EPS;
    }

    /** Timestamps of the key packets shown from the stream's start, sorted, one per key picture (within half a frame). */
    private static double[] keyTimes(List<PacketInfo> packets, double fps) {
        DoubleList pts = new DoubleList(64);
        for (PacketInfo p : packets) {
            // a key packet before the stream's start was cut by an edit list: never shown, and
            // decoders drop it, as the keyframe pass does
            if (p.key() && !Double.isNaN(p.ptsS()) && p.ptsS() >= -EPS) {
                pts.add(p.ptsS());
            }
        }
        double[] sorted = pts.toArray();
        Arrays.sort(sorted);
        DoubleList out = new DoubleList(sorted.length);
        for (double p : sorted) {
            if (out.size() == 0 || p - out.get(out.size() - 1) > 0.5 / fps) {
                out.add(p);
            }
        }
        return out.toArray();
    }

    /**
     * Decodes single I-frames of a keyframe pass that was skipped ({@link #autoFromPackets}), filling
     * in their sharpness and, for two consecutive I-frames, the later one's content value, exactly as
     * the keyframe pass would have computed them.
     */
    private static final class SparseKeys {
        private final FrameSource source;
        private final KeyPass k;
        private final ContentDetector detector;
        private int last = -1;
        private byte[] luma;
        long decoded;

        SparseKeys(FrameSource source, KeyPass k, SamplingPolicy policy) {
            this.source = source;
            this.k = k;
            this.detector = new ContentDetector(policy.threshold(), policy.minSceneLenFrames(),
                    FlashFilter.Mode.SUPPRESS);
        }

        boolean isDecoded(int i) {
            return !Double.isNaN(k.sharp[i]);
        }

        /** Decodes I-frame {@code i} unless it was; false when it does not decode. */
        boolean decode(int i) throws VideoException {
            if (isDecoded(i)) {
                return true;
            }
            Frame f = source.keyframe(k.pts[i]);
            if (f == null) {
                return false;
            }
            decoded++;
            if (last != i - 1) {
                detector.reset();
            }
            detector.feed(f);
            if (last == i - 1) {
                k.diff[i] = detector.lastScore();
            }
            last = i;
            luma = ImageMeasures.luma(f, luma);
            k.sharp[i] = ImageMeasures.laplacianVarianceOfLuma(luma, f.width(), f.height());
            return true;
        }
    }

    /**
     * After a sparse decode ({@link SparseKeys}): gives every scene {@value #SCENE_CANDIDATES}
     * decoded key frames as representative candidates, decoding I-frames spread evenly over the
     * scene (from {@value #SKIP_AFTER_CUT_S} s after its start where it has any there). Returns the
     * number of frames decoded.
     */
    private static long addSceneCandidates(SparseKeys keys, KeyPass k, List<SceneCut> cuts, Candidates cand)
            throws VideoException {
        long before = keys.decoded;
        for (int s = 0; s <= cuts.size(); s++) {
            double start = s == 0 ? Double.NEGATIVE_INFINITY : cuts.get(s - 1).ptsS();
            double end = s < cuts.size() ? cuts.get(s).ptsS() : Double.POSITIVE_INFINITY;
            // I-frames in [start + skip, end), else in [start, end): atLeast(t) is the first index at
            // or after t
            int lo = atLeast(k.pts, start + (s == 0 ? 0 : SKIP_AFTER_CUT_S));
            int hi = atLeast(k.pts, end);
            if (lo >= hi) {
                lo = atLeast(k.pts, start); // a short scene: any I-frame in it
            }
            if (lo >= hi) {
                continue; // no I-frame in this scene
            }
            // key frames already among the candidates (an I-frame can be there twice: decoded for the
            // rules and again as the opening frame of a run)
            DoubleList present = new DoubleList(8);
            for (int i = 0; i < cand.pts.size(); i++) {
                double p = cand.pts.get(i);
                if (cand.key.get(i) != 0 && p >= k.pts[lo] - EPS && p < end - EPS) {
                    present.add(p);
                }
            }
            double[] distinct = present.toArray();
            Arrays.sort(distinct);
            int have = 0;
            for (int i = 0; i < distinct.length; i++) {
                if (i == 0 || distinct[i] - distinct[i - 1] > EPS) {
                    have++;
                }
            }
            int want = Math.min(SCENE_CANDIDATES, hi - lo) - have;
            for (int j = 0; j < want; j++) {
                int i = lo + (int) ((j + 0.5) * (hi - lo) / want);
                if (!keys.isDecoded(i) && keys.decode(i)) {
                    cand.add(k.pts[i], k.sharp[i], true);
                }
            }
        }
        return keys.decoded - before;
    }

    /** Index of the first element of sorted {@code a} at or after {@code t} (within {@code EPS}). */
    private static int atLeast(double[] a, double t) {
        return Sorted.upperBound(a, t - 2 * EPS);
    }

    /** Whether two key packet sizes differ by {@link #KEY_SIZE_JUMP} or more (true when one is unknown). */
    static boolean sizeJump(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return true;
        }
        return Math.max(a, b) >= KEY_SIZE_JUMP * Math.min(a, b);
    }

    /** Size of the key packet at each I-frame's time (within half a frame), NaN where none is listed. */
    private static boolean[] all(int n, boolean value) {
        boolean[] out = new boolean[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /**
     * Per I-frame interval {@code i} (between I-frames {@code i-1} and {@code i}): whether its
     * predicted packets show still content ({@link #STILL_BYTES_PER_PIXEL}). Index 0 and intervals
     * without predicted packets, key sizes or a known frame size are false.
     */
    static boolean[] stillIntervals(KeyPass k, List<PacketInfo> packets, double[] keySize, VideoInfo info) {
        boolean[] still = new boolean[k.count + 1];
        double pixels = info == null ? 0 : (double) info.width() * info.height();
        if (pixels <= 0) {
            return still;
        }
        double[] sum = new double[k.count + 1];
        int[] count = new int[k.count + 1];
        for (PacketInfo p : packets) {
            if (p.key() || Double.isNaN(p.ptsS())) {
                continue;
            }
            int at = Sorted.upperBound(k.pts, p.ptsS()); // I-frames at or before the packet
            if (at >= 1 && at < k.count) {
                sum[at] += p.sizeBytes();
                count[at]++;
            }
        }
        for (int i = 1; i < k.count; i++) {
            still[i] = count[i] > 0 && isStill(sum[i] / count[i], Math.min(keySize[i - 1], keySize[i]), pixels);
        }
        return still;
    }

    /** Whether predicted pictures averaging {@code meanBytes} show still content ({@link #STILL_BYTES_PER_PIXEL}). */
    static boolean isStill(double meanBytes, double smallerKeyBytes, double pixels) {
        return !Double.isNaN(smallerKeyBytes) && meanBytes <= STILL_INTERVAL_SHARE * smallerKeyBytes
                && meanBytes <= STILL_BYTES + STILL_BYTES_PER_PIXEL * pixels;
    }

    private static double[] keySizes(KeyPass k, List<PacketInfo> packets, double fps) {
        DoubleList pts = new DoubleList(64);
        DoubleList size = new DoubleList(64);
        for (PacketInfo p : packets) {
            if (p.key() && !Double.isNaN(p.ptsS())) {
                pts.add(p.ptsS());
                size.add(p.sizeBytes());
            }
        }
        int[] order = Sorted.order(pts);
        double[] sp = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            sp[i] = pts.get(order[i]);
        }
        double[] out = new double[k.count];
        for (int i = 0; i < k.count; i++) {
            int at = Sorted.upperBound(sp, k.pts[i] + 0.5 / fps);
            out[i] = at > 0 && Math.abs(sp[at - 1] - k.pts[i]) <= 0.5 / fps
                    ? size.get(order[at - 1]) : Double.NaN;
        }
        return out;
    }

    /**
     * Share of the packets (those with a timestamp) that the marked intervals would decode: from the
     * opening I-frame to {@code until} (at most the closing I-frame). 0 without packets.
     */
    static double coverage(KeyPass k, double[] until, List<PacketInfo> packets) {
        DoubleList pts = new DoubleList(packets.size());
        for (PacketInfo p : packets) {
            if (!Double.isNaN(p.ptsS())) {
                pts.add(p.ptsS());
            }
        }
        if (pts.size() == 0) {
            return 0;
        }
        double[] sorted = pts.toArray();
        Arrays.sort(sorted);
        long covered = 0;
        for (int i = 1; i <= k.count; i++) {
            if (Double.isNaN(until[i])) {
                continue;
            }
            double end = i < k.count ? Math.min(until[i], k.pts[i]) : until[i];
            covered += Sorted.upperBound(sorted, end) - Sorted.upperBound(sorted, k.pts[i - 1] - 2 * EPS);
        }
        return (double) covered / sorted.length;
    }

    /**
     * For each I-frame interval {@code i} (1 to {@code count - 1}: from I-frame {@code i - 1} to
     * I-frame {@code i}; {@code count}: after the last I-frame) the time up to which it must be decoded
     * to cover its suspect packets, NaN when it has none. Suspects before the first I-frame or on an
     * I-frame's own time are ignored.
     */
    private static double[] suspectIntervals(KeyPass k, double[] suspects) {
        double[] until = new double[k.count + 1];
        Arrays.fill(until, Double.NaN);
        for (double s : suspects) {
            int i = Sorted.upperBound(k.pts, s); // k.pts holds exactly k.count times
            if (i == 0 || s - k.pts[i - 1] <= EPS) {
                continue;
            }
            until[i] = Double.isNaN(until[i]) ? s : Math.max(until[i], s);
        }
        return until;
    }

    private SamplingResult autoExact(FrameSource source, SamplingPolicy policy, long alreadyAnalysed)
            throws VideoException {
        source.seek(0, DecodeMode.ALL_FRAMES);
        Pass p = exactPass(source, policy);
        Pass merged = new Pass(p.scenesTracker, p.framesAnalysed + alreadyAnalysed, p.lastPts, p.frames);
        return finish(merged, policy, "auto:exact", duration(source.info(), p.lastPts, fps(source.info())));
    }

    /** Dominant I-frame gap and whether it recurs (see the class comment). */
    record Cadence(boolean regular, double interval) {
    }

    /** The cadence of the first {@code n} (at least 2) of the sorted I-frame times {@code pts}. */
    private static Cadence cadenceOf(double[] pts, int n, double fps) {
        double[] gaps = new double[n - 1];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = pts[i] - pts[i - 1];
        }
        return cadence(gaps, fps);
    }

    static Cadence cadence(double[] gaps, double fps) {
        if (gaps.length == 0) {
            return new Cadence(true, Double.POSITIVE_INFINITY);
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double tol = Math.max(1.5 / fps, 0.02 * median);
        int bestCount = 0;
        int bestLo = 0;
        int hi = 0;
        for (int lo = 0; lo < sorted.length; lo++) {
            if (hi < lo) {
                hi = lo;
            }
            while (hi + 1 < sorted.length && sorted[hi + 1] - sorted[lo] <= 2 * tol + EPS) {
                hi++;
            }
            int count = hi - lo + 1;
            if (count > bestCount) {
                bestCount = count;
                bestLo = lo;
            }
        }
        double dominant = sorted[bestLo + (bestCount - 1) / 2];
        boolean regular = bestCount >= CADENCE_SHARE * sorted.length;
        return new Cadence(regular, dominant);
    }

    /**
     * Decodes the I-frame intervals that {@code until} marks (see {@link #suspectIntervals}; a value at
     * or past the closing I-frame means the whole interval) and merges the cuts found there with the
     * keyframe cuts of the other intervals: one time-ordered list, minimum scene length applied once.
     */
    private SamplingResult refine(FrameSource source, SamplingPolicy policy, KeyPass k, double fps, double[] until,
                                  boolean[] keyframeCuts, SparseKeys sparse) throws VideoException {
        double threshold = policy.threshold();
        double minLenS = policy.minSceneLenFrames() / fps;
        // candidate frames for representatives: all I-frames plus every refined frame
        Candidates cand = new Candidates(k.count * 2);
        for (int i = 0; i < k.count; i++) {
            if (!Double.isNaN(k.sharp[i])) {
                cand.add(k.pts[i], k.sharp[i], true);
            }
        }
        DoubleList cutPts = new DoubleList(16);
        DoubleList cutStrength = new DoubleList(16);
        long analysed = sparse == null ? k.pass.framesAnalysed : sparse.decoded;
        // exact mode's semantics inside a run: MERGE, minimum scene length in frames
        ContentDetector detector = new ContentDetector(threshold, policy.minSceneLenFrames(),
                FlashFilter.Mode.MERGE);
        Run run = new Run(fps);
        // >= 1 while the detector still holds the last frame of a run that stopped short of I-frame
        // `openEnd`: the next frame fed must be that I-frame, compared with it
        int openEnd = -1;
        boolean decodedAny = false;
        int i = 1;
        while (i <= k.count) {
            if (Double.isNaN(until[i])) {
                if (openEnd == i - 1) {
                    // the run before stopped inside interval i - 1: compare its last frame with I-frame i - 1
                    run.skipTo(detector, k.pts[i - 1]);
                    analysed += run.decode(source, detector, k.pts[i - 1], k.pts[i - 1], null, cutPts, cutStrength);
                    openEnd = -1;
                }
                if (i < k.count && keyframeCuts[i] && k.diff[i] >= threshold) {
                    cutPts.add(k.pts[i]);
                    cutStrength.add(k.diff[i]);
                }
                i++;
                continue;
            }
            // a run of consecutive marked intervals; all but the last one are decoded completely
            int j = i;
            while (j < k.count && until[j] >= k.pts[j] - EPS && !Double.isNaN(until[j + 1])) {
                j++;
            }
            double a = k.pts[i - 1];
            double end = j < k.count ? Math.min(until[j], k.pts[j]) : until[j];
            if (openEnd == i - 1) {
                run.skipTo(detector, a); // the first frame (I-frame i - 1) is compared with the last one before
            } else {
                run.close(detector, cutPts, cutStrength);
                if (i == 1) {
                    detector.reset(); // from the first frame: exactly as the exact pass
                } else {
                    detector.resume(cutPts.size() > 0);
                }
            }
            analysed += run.decode(source, detector, a, end, cand, cutPts, cutStrength);
            decodedAny = true;
            openEnd = j < k.count && end < k.pts[j] - EPS ? j : -1;
            i = j + 1;
        }
        run.close(detector, cutPts, cutStrength);
        // minimum scene length over the whole video (SUPPRESS), counted from the first frame
        double firstPts = k.pts[0];
        double last = firstPts;
        List<SceneCut> cuts = new ArrayList<>();
        int[] order = Sorted.order(cutPts);
        for (int idx : order) {
            double p = cutPts.get(idx);
            if (p - last >= minLenS - EPS) {
                cuts.add(new SceneCut(p, cutStrength.get(idx)));
                last = p;
            }
        }
        if (sparse != null) {
            analysed += addSceneCandidates(sparse, k, cuts, cand);
        }
        // representatives: sweep candidates and cuts in time order
        SceneTracker tracker = new SceneTracker(SKIP_AFTER_CUT_S);
        int[] candOrder = Sorted.order(cand.pts);
        int c = 0;
        double prevPts = Double.NaN;
        for (int idx : candOrder) {
            double p = cand.pts.get(idx);
            while (c < cuts.size() && cuts.get(c).ptsS() <= p + EPS) {
                tracker.cut(cuts.get(c++));
            }
            if (p == prevPts) {
                continue; // an I-frame that was also decoded in a refined run
            }
            prevPts = p;
            tracker.frame(p, cand.sharp.get(idx), cand.key.get(idx) != 0);
        }
        while (c < cuts.size()) {
            tracker.cut(cuts.get(c++));
        }
        Pass pass = new Pass(tracker, analysed, k.lastPts(), k.count);
        return finish(pass, policy, decodedAny ? "auto:refined" : "auto:keyframes",
                duration(source.info(), k.lastPts(), fps));
    }

    /**
     * The decode runs of one refinement sharing one MERGE detector: where the last run stopped, so
     * that frames skipped between two runs count towards the minimum scene length and a merge still
     * pending when the decoded stretch ends is resolved ({@link ContentDetector#flush}) unless the
     * stream itself ended there.
     */
    private static final class Run {
        private final double fps;
        private double lastFed = Double.NaN;
        private boolean endOfStream;
        private boolean open;

        Run(double fps) {
            this.fps = fps;
        }

        /** Counts the frames between the last one fed and {@code pts} as skipped. */
        void skipTo(ContentDetector detector, double pts) {
            if (!Double.isNaN(lastFed)) {
                detector.skip(Math.round((pts - lastFed) * fps) - 1);
            }
        }

        /** Ends the current stretch of fed frames: resolves a pending merge as more of the same content would. */
        void close(ContentDetector detector, DoubleList cutPts, DoubleList cutStrength) {
            if (open && !endOfStream) {
                SceneCut cut = detector.flush();
                if (cut != null) {
                    cutPts.add(cut.ptsS());
                    cutStrength.add(cut.strength());
                }
            }
            open = false;
            endOfStream = false;
            lastFed = Double.NaN;
        }

        /**
         * Decodes every frame from {@code a} to {@code b} ({@code seek(a, ALL_FRAMES)}) through
         * {@code detector}, collecting the cuts it reports. With {@code cand} its frames become
         * representative candidates. Returns the number of frames analysed.
         */
        long decode(FrameSource source, ContentDetector detector, double a, double b, Candidates cand,
                    DoubleList cutPts, DoubleList cutStrength) throws VideoException {
            source.seek(a, DecodeMode.ALL_FRAMES);
            open = true;
            long analysed = 0;
            byte[] luma = null;
            double fedHere = Double.NaN;
            Frame f;
            boolean reachedEnd = true;
            while ((f = source.next()) != null) {
                double pts = f.ptsSeconds();
                if (pts < a - EPS || (!Double.isNaN(fedHere) && pts <= fedHere)) {
                    continue; // leading pictures of an open GOP, or a repeated timestamp
                }
                if (pts > b + EPS) {
                    reachedEnd = false;
                    break;
                }
                fedHere = pts;
                lastFed = pts;
                analysed++;
                SceneCut cut = detector.feed(f);
                if (cand != null) {
                    luma = ImageMeasures.luma(f, luma);
                    cand.add(pts, ImageMeasures.laplacianVarianceOfLuma(luma, f.width(), f.height()), f.isKeyframe());
                }
                if (cut != null) {
                    cutPts.add(cut.ptsS());
                    cutStrength.add(cut.strength());
                }
                if (pts >= b - EPS) {
                    reachedEnd = false;
                    break; // no need to decode the next frame
                }
            }
            endOfStream = reachedEnd;
            return analysed;
        }
    }


    // ---------------------------------------------------------------- passes

    /** Result of a detection pass: the scenes so far and what it cost. */
    private record Pass(SceneTracker scenesTracker, long framesAnalysed, double lastPts, long frames) {
    }

    /** The keyframe pass: its scenes plus every I-frame's timestamp, sharpness and change. */
    private record KeyPass(Pass pass, double[] pts, double[] sharp, double[] diff, int count) {
        double lastPts() {
            return count == 0 ? Double.NaN : pts[count - 1];
        }
    }

    /** Every frame through the MERGE detector; representatives streamed with a delay of minSceneLen frames. */
    private Pass exactPass(FrameSource source, SamplingPolicy policy) throws VideoException {
        int delay = policy.minSceneLenFrames();
        ContentDetector detector = new ContentDetector(policy.threshold(), delay, FlashFilter.Mode.MERGE);
        SceneTracker tracker = new SceneTracker(SKIP_AFTER_CUT_S);
        // frames not yet committed to a scene: a MERGE cut can be reported up to `delay` frames late
        int cap = delay + 1;
        double[] ringPts = new double[cap];
        double[] ringSharp = new double[cap];
        boolean[] ringKey = new boolean[cap];
        int head = 0;
        int size = 0;
        byte[] luma = null;
        long analysed = 0;
        double lastPts = Double.NaN;
        Frame f;
        while ((f = source.next()) != null) {
            double pts = f.ptsSeconds();
            if (!Double.isNaN(lastPts) && pts <= lastPts) {
                continue; // out-of-order or duplicate timestamp: not a new frame
            }
            lastPts = pts;
            analysed++;
            SceneCut cut = detector.feed(f);
            luma = ImageMeasures.luma(f, luma);
            double sharp = ImageMeasures.laplacianVarianceOfLuma(luma, f.width(), f.height());
            ringPts[(head + size) % cap] = pts;
            ringSharp[(head + size) % cap] = sharp;
            ringKey[(head + size) % cap] = f.isKeyframe();
            size++;
            if (cut != null) {
                while (size > 0 && ringPts[head] < cut.ptsS() - EPS) {
                    tracker.frame(ringPts[head], ringSharp[head], ringKey[head]);
                    head = (head + 1) % cap;
                    size--;
                }
                tracker.cut(cut);
            }
            while (size > delay) {
                tracker.frame(ringPts[head], ringSharp[head], ringKey[head]);
                head = (head + 1) % cap;
                size--;
            }
        }
        while (size > 0) {
            tracker.frame(ringPts[head], ringSharp[head], ringKey[head]);
            head = (head + 1) % cap;
            size--;
        }
        if (analysed == 0) {
            throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no frame could be decoded");
        }
        return new Pass(tracker, analysed, lastPts, analysed);
    }

    private KeyPass keyframePass(FrameSource source, SamplingPolicy policy) throws VideoException {
        double fps = fps(source.info());
        source.seek(0, DecodeMode.KEYFRAMES_ONLY);
        ContentDetector detector = ContentDetector.inSeconds(policy.threshold(),
                policy.minSceneLenFrames() / fps, FlashFilter.Mode.SUPPRESS);
        SceneTracker tracker = new SceneTracker(SKIP_AFTER_CUT_S);
        DoubleList pts = new DoubleList(64);
        DoubleList sharp = new DoubleList(64);
        DoubleList diff = new DoubleList(64);
        byte[] luma = null;
        long analysed = 0;
        Frame f;
        while ((f = source.next()) != null) {
            double p = f.ptsSeconds();
            if (pts.size() > 0 && p <= pts.get(pts.size() - 1)) {
                continue; // out-of-order or duplicate timestamp
            }
            analysed++;
            SceneCut cut = detector.feed(f);
            luma = ImageMeasures.luma(f, luma);
            double s = ImageMeasures.laplacianVarianceOfLuma(luma, f.width(), f.height());
            if (cut != null) {
                tracker.cut(cut);
            }
            tracker.frame(p, s, true);
            pts.add(p);
            sharp.add(s);
            diff.add(detector.lastScore());
        }
        int n = pts.size();
        double last = n == 0 ? Double.NaN : pts.get(n - 1);
        return new KeyPass(new Pass(tracker, analysed, last, n), pts.toArray(), sharp.toArray(), diff.toArray(), n);
    }

    // ---------------------------------------------------------------- UNIFORM

    private SamplingResult uniform(FrameSource source, SamplingPolicy policy) throws VideoException {
        VideoInfo info = source.info();
        double d = knownDuration(info);
        long analysed = 0;
        if (d <= 0) {
            KeyPass k = keyframePass(source, policy);
            analysed = k.pass.framesAnalysed;
            if (k.count == 0) {
                throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no key frame could be decoded");
            }
            d = k.lastPts() + 1.0 / fps(info);
        }
        double interval = policy.uniformIntervalS();
        int n = (int) Math.ceil(d / interval - EPS);
        n = Math.max(n, 1);
        List<Keyframe> keyframes;
        String name = "uniform";
        if (n > policy.maxKeyframes()) {
            keyframes = SceneClamp.even(policy.maxKeyframes(), d);
        } else if (n < policy.minKeyframes()) {
            keyframes = SceneClamp.even(policy.minKeyframes(), d);
            name += "+even";
        } else {
            keyframes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double start = i * interval;
                double end = Math.min(d, (i + 1) * interval);
                keyframes.add(new Keyframe((start + end) / 2, start, end));
            }
        }
        return new SamplingResult(d, List.of(), keyframes, name, analysed);
    }

    // ---------------------------------------------------------------- shared

    private SamplingResult finish(Pass pass, SamplingPolicy policy, String name, double durationS) {
        SceneTracker tracker = pass.scenesTracker;
        List<SceneTracker.Scene> scenes = tracker.finish(durationS);
        List<SceneCut> cuts = List.copyOf(tracker.cuts());
        if (scenes.size() < policy.minKeyframes()) {
            return new SamplingResult(durationS, cuts, SceneClamp.even(policy.minKeyframes(), durationS),
                    name + "+even", pass.framesAnalysed);
        }
        List<SceneTracker.Scene> kept = SceneClamp.clamp(scenes, policy.maxKeyframes(), durationS);
        return new SamplingResult(durationS, cuts, SceneClamp.keyframes(kept), name, pass.framesAnalysed);
    }

    static double fps(VideoInfo info) {
        return info != null && info.frameRate() > 0 ? info.frameRate() : FALLBACK_FPS;
    }

    /** Duration from the probe (or frame count / rate), 0 when unknown. */
    static double knownDuration(VideoInfo info) {
        if (info == null) {
            return 0;
        }
        if (info.durationS() > 0) {
            return info.durationS();
        }
        if (info.frameCount() > 0 && info.frameRate() > 0) {
            return info.frameCount() / info.frameRate();
        }
        return 0;
    }

    private static double duration(VideoInfo info, double lastPts, double fps) {
        double known = knownDuration(info);
        double seen = Double.isNaN(lastPts) ? 0 : lastPts + 1.0 / fps;
        return known > 0 ? Math.max(known, Double.isNaN(lastPts) ? 0 : lastPts) : seen;
    }

    /** A growable array of doubles (no boxing). */
    /** Representative candidates of a refined run: timestamps, sharpness and key-frame flags. */
    private static final class Candidates {
        final DoubleList pts;
        final DoubleList sharp;
        final DoubleList key;

        Candidates(int capacity) {
            pts = new DoubleList(capacity);
            sharp = new DoubleList(capacity);
            key = new DoubleList(capacity);
        }

        void add(double p, double s, boolean isKey) {
            pts.add(p);
            sharp.add(s);
            key.add(isKey ? 1 : 0);
        }
    }

    static final class DoubleList {
        private double[] a;
        private int n;

        DoubleList(int capacity) {
            a = new double[Math.max(4, capacity)];
        }

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        double get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
