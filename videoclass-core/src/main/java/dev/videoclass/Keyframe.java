package dev.videoclass;

/**
 * A frame chosen to represent a scene.
 *
 * @param ptsS        presentation time in seconds of the chosen frame
 * @param sceneStartS start of the scene it represents, seconds
 * @param sceneEndS   end of that scene (start of the next, or the end of the video), seconds
 */
public record Keyframe(double ptsS, double sceneStartS, double sceneEndS) {
}
