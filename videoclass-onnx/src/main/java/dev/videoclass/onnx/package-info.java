/**
 * ONNX Runtime scoring (zero-shot SigLIP/CLIP rubrics and direct classifiers). Not built yet: the
 * module exists so that the layout is fixed; see the ONNX issue.
 */
package dev.videoclass.onnx;
