package org.gradflow.backend.vector;

/**
 * Work memory of one thread for the element-wise kernels, reused between calls so that a steady-state
 * training step allocates no arrays: one row of doubles (softmax exponentials, column sums, statistics)
 * and one of floats (FLOAT32 block sums, lanes of a float reduction).
 * The matrix product keeps its own packing buffers ({@link Gemm}).
 */
final class Scratch {
    private double[] row = new double[64];
    private float[] floats = new float[64];

    /** At least {@code n} doubles; contents undefined. */
    double[] row(int n) {
        if (row.length < n) {
            row = new double[Math.max(n, 2 * row.length)];
        }
        return row;
    }

    /** At least {@code n} floats; contents undefined. */
    float[] floats(int n) {
        if (floats.length < n) {
            floats = new float[Math.max(n, 2 * floats.length)];
        }
        return floats;
    }
}
