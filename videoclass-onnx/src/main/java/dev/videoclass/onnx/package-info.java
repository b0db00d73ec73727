/**
 * Scores frames with ONNX Runtime: zero-shot rubrics on SigLIP/CLIP-style models (split towers or one
 * model) and direct image classifiers, with Hugging Face's preprocessing and tokenizers.
 * {@link dev.videoclass.onnx.OnnxScorer} is the entry point, {@link dev.videoclass.onnx.OnnxOptions}
 * its settings.
 */
package dev.videoclass.onnx;
