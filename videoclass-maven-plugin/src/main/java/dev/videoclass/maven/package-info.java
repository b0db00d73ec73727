/**
 * The {@code videoclass:calibrate} goal: a thin Mojo over {@link dev.videoclass.calibrate.CalibrationEngine},
 * and the loading of the user's own scorer factory from the plugin's {@code <dependencies>}.
 */
package dev.videoclass.maven;
