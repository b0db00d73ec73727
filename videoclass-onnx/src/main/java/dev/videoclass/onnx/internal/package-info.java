/**
 * Plumbing of the ONNX scorer: execution provider choice, ONNX Runtime's native libraries, DJL's CUDA
 * probe and error helpers. Not an API: it may change in any release.
 */
package dev.videoclass.onnx.internal;
