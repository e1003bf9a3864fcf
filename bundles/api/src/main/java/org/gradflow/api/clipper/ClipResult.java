package org.gradflow.api.clipper;

/** What one clipping step did: the joint gradient norm before clipping, and whether it fired. */
public record ClipResult(double normBefore, boolean clipped) {
}
