package dev.videoclass.examples.snippets;

import dev.videoclass.Frame;
import dev.videoclass.Judgement;
import dev.videoclass.Verdict;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;

/** One classifier judges a video upload and a photo with the same scorer and rubric. */
public final class PhotoAndVideo {
    private PhotoAndVideo() {
    }

    /** The video's verdict and the photo's judgement, as one line each. */
    public static String[] judge(byte[] uploadBytes, Frame uprightRgbFrame) throws VideoException {
        // tag::photo-and-video[]
        try (VideoClassifier classifier = VideoClassifier.builder()
                .decoder(new FfmpegVideoDecoder())   // built-in sampler, heuristic scorer, MAX
                .build()) {
            Verdict v = classifier.classify(VideoInput.of(uploadBytes));   // or a Path or an InputStream
            String video = v.isDone()
                    ? "explicit=" + v.isExplicit() + " quality=" + v.qualityScore() + " tags=" + v.sceneTags()
                    : "failed: " + v.error().code() + " " + v.error().message();   // never an exception
            Judgement photo = classifier.images().judge(uprightRgbFrame);  // the photo path, same scorer
            return new String[] {video, "photo explicit=" + photo.isExplicit() + " tags=" + photo.tags()};
        }
        // end::photo-and-video[]
    }
}
