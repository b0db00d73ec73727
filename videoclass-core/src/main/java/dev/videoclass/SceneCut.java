package dev.videoclass;

/**
 * A detected scene change.
 *
 * @param ptsS     presentation time in seconds of the first frame of the new scene
 * @param strength the content difference that triggered it, 0–255 HSV scale (higher is a harder cut)
 */
public record SceneCut(double ptsS, double strength) {
}
