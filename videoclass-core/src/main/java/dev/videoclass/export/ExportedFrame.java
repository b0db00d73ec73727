package dev.videoclass.export;

/**
 * One frame written by {@link FrameExport}, as {@code frames.json} lists it.
 *
 * @param file        the image's file name in the export folder, e.g. {@code frame-000.jpg}
 * @param ptsS        presentation time of the frame, seconds
 * @param sceneStartS start of the scene it represents, seconds
 * @param sceneEndS   end of that scene (start of the next, or the end of the video), seconds
 * @param width       width of the written image in pixels (upright, display aspect)
 * @param height      height of the written image in pixels
 */
public record ExportedFrame(String file, double ptsS, double sceneStartS, double sceneEndS, int width, int height) {
}
