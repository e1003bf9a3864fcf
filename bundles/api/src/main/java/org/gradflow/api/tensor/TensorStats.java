package org.gradflow.api.tensor;

/**
 * Summary of one tensor in one pass: how many elements, their L2 norm, largest magnitude, and how many
 * are NaN or infinite. Non-finite elements are left out of {@code l2} and {@code maxAbs}.
 */
public record TensorStats(long count, double l2, double maxAbs, long nonFinite) {
    /** Root mean square, {@code l2 / sqrt(count)}; 0 for an empty tensor. */
    public double rms() {
        return count == 0 ? 0 : l2 / Math.sqrt(count);
    }
}
