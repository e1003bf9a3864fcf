package org.gradflow.backend.ojalgo;

import org.gradflow.api.tensor.Precision;
import org.ojalgo.matrix.store.PhysicalStore;
import org.ojalgo.structure.Access1D;

/**
 * The product {@code op(A) op(B)} with ojAlgo's kernels, for row-major tensors.
 *
 * <p>A tensor's ojAlgo store is its transpose (see {@link OjAlgoTensor}), so {@code C = op(A) op(B)} is
 * computed as {@code C^T = op(B)^T op(A)^T}: left factor {@code op(B)^T} ({@code n x k}), right factor
 * {@code op(A)^T} ({@code k x m}), product {@code n x m}, which is {@code C} row-major. ojAlgo picks its
 * kernel from the types of the factors ({@code R064Store.fillByMultiplying}):
 * <ul>
 * <li>both physical stores: {@code MultiplyNeither}, column axpy updates ("axpy");
 * <li>left any {@code Access1D}, right physical: {@code MultiplyLeft}; above 32 rows and 32 columns it
 * copies one left row at a time and takes 4-way unrolled dot products with the right columns, split
 * by product rows over ojAlgo's worker threads ("dot").
 * </ul>
 * Measured on this project's 2-core machine (see {@code OjAlgoProductBench}): "dot" is 1.2 to 1.5 times
 * faster than "axpy" once both sides of the product exceed 32 and the depth {@code k} is 32 or more
 * (the crossover lies between k = 16 and k = 32); "axpy" wins on thin products (10 output classes) and
 * shallow ones. Both kernels need the right factor's columns contiguous, and "axpy" its left factor's
 * too, so a transposed operand is first copied, blocked, into per-thread scratch ({@code k*m} or
 * {@code n*k} values: a few percent of the {@code 2*m*n*k} flops). ojAlgo's own lazy
 * {@code transpose()} view is not used: reading the left factor through it is slow and, worse, once a
 * second view type has passed ojAlgo's element access call site every later product runs about 40%
 * slower. Explicit copies plus one plain view class keep that site monomorphic.
 *
 * <p>ojAlgo's {@code MultiplyRight} (left physical, right a view) is never used: it skips zero
 * elements of the right factor, so {@code 0 * Inf} would give 0 instead of NaN.
 *
 * <p>Determinism: ojAlgo multithreads both kernels by splitting the product's columns ("axpy") or rows
 * ("dot") between threads; every element is still summed by one thread in a fixed order
 * ({@code p = 0..k-1}, or the 4 interleaved partial sums of the dot kernel), and the kernel depends only
 * on the shape. The same inputs therefore give bit-identical results whatever the thread count or
 * scheduling; {@code OjAlgoBackendTest} checks it against a single-threaded run.
 */
final class Gemm {
    /** Which ojAlgo kernel a product uses; {@link #AUTO} in production, the others for the benchmark. */
    enum Kernel {
        AUTO, AXPY, DOT
    }

    /** ojAlgo's {@code MultiplyLeft} takes its threaded dot-product path only above this many rows and columns. */
    static final int DOT_MIN_SIDE = 33;
    /** Below this depth the dot products are too short to beat the axpy kernel (measured crossover 16 to 32). */
    static final int DOT_MIN_DEPTH = 32;

    private Gemm() {
    }

    static Kernel choose(int m, int k, int n) {
        return n >= DOT_MIN_SIDE && m >= DOT_MIN_SIDE && k >= DOT_MIN_DEPTH ? Kernel.DOT : Kernel.AXPY;
    }

    /**
     * {@code target = op(a) op(b)}, overwriting every element of {@code target} (an {@code n x m} store,
     * i.e. {@code C [m, n]} row-major). All three have the same precision; {@code m, k, n > 0}.
     */
    static void product(OjAlgoTensor a, boolean ta, OjAlgoTensor b, boolean tb, int m, int k, int n,
            PhysicalStore<Double> target, Scratch scratch, Kernel kernel) {
        Kernel use = kernel == Kernel.AUTO ? choose(m, k, n) : kernel;
        PhysicalStore<Double> right = ta ? transposed(a, Scratch.TRANSPOSED_A, scratch) : a.store;
        Access1D<Double> left;
        if (use == Kernel.DOT) {
            left = tb ? scratch.plainView(transposed(b, Scratch.TRANSPOSED_B, scratch)) : b.plainView();
        } else {
            left = tb ? transposed(b, Scratch.TRANSPOSED_B, scratch) : b.store;
        }
        target.fillByMultiplying(left, right);
    }

    /** The store of {@code t^T}: {@code t}'s values transposed into scratch, a {@code rows x cols} store. */
    private static PhysicalStore<Double> transposed(OjAlgoTensor t, int role, Scratch scratch) {
        PhysicalStore<Double> s = scratch.store(role, t.precision, t.rows, t.cols);
        if (t.precision == Precision.FLOAT32) {
            transpose(t.f, t.rows, t.cols, Scratch.data32(s));
        } else {
            transpose(t.d, t.rows, t.cols, Scratch.data64(s));
        }
        return s;
    }

    /**
     * Tile edge of the transposing copy: 8 stays fast (1.2 to 1.7 ns per value) when the destination
     * stride is a multiple of 4 KiB, where tiles of 16 and 32 were 2 to 4 times slower (512 rows).
     */
    private static final int BLOCK = 8;

    /** {@code dst [cols, rows] = src [rows, cols]^T}, both row-major, in cache-sized blocks. */
    static void transpose(double[] src, int rows, int cols, double[] dst) {
        for (int i0 = 0; i0 < rows; i0 += BLOCK) {
            int iEnd = Math.min(rows, i0 + BLOCK);
            for (int j0 = 0; j0 < cols; j0 += BLOCK) {
                int jEnd = Math.min(cols, j0 + BLOCK);
                for (int i = i0; i < iEnd; i++) {
                    int from = i * cols;
                    for (int j = j0; j < jEnd; j++) {
                        dst[j * rows + i] = src[from + j];
                    }
                }
            }
        }
    }

    static void transpose(float[] src, int rows, int cols, float[] dst) {
        for (int i0 = 0; i0 < rows; i0 += BLOCK) {
            int iEnd = Math.min(rows, i0 + BLOCK);
            for (int j0 = 0; j0 < cols; j0 += BLOCK) {
                int jEnd = Math.min(cols, j0 + BLOCK);
                for (int i = i0; i < iEnd; i++) {
                    int from = i * cols;
                    for (int j = j0; j < jEnd; j++) {
                        dst[j * rows + i] = src[from + j];
                    }
                }
            }
        }
    }
}
