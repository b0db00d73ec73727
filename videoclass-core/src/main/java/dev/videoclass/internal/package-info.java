/** Plumbing shared by the library's modules; not an API, may change in any release. */
package dev.videoclass.internal;
