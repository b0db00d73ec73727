/**
 * The code the README quotes, compiled by the build and run by {@code SnippetsTest}; a README test
 * checks that every Java block of the README is a tagged region ({@code // tag::NAME[]} to
 * {@code // end::NAME[]}) of a file here or a whole source file of the project.
 */
package dev.videoclass.examples.snippets;
