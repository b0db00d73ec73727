/**
 * The {@code videoclass:calibrate} goal and its calibration engine. Not built yet: the module exists
 * so that the layout is fixed; see the calibration issue.
 */
package dev.videoclass.maven;
