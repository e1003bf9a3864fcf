package org.gradflow.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FLOAT64 product kernel: {@link FloatGemm} for doubles (line for line the same code, half the lanes:
 * 4 x 12 micro-tiles with AVX2). See {@link FloatGemm} for the order of operations.
 *
 * <p>Every element of {@code c} gets the same sequence of operations whichever tile, block or thread
 * computes it: per K block, a chain of fused multiply-adds from 0 in the order {@code p = pc, pc+1, ...};
 * then {@code alpha * sum + beta * c} (first block, or {@code alpha * sum} when {@code beta = 0}) or
 * {@code c + alpha * sum} (later blocks), rounded after each operation (no FMA), the same way in the
 * vector and the scalar edge code. Results therefore depend only on the shape, never on the thread split.
 */
final class DoubleGemm {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Lanes per vector: 4 with AVX2. */
    static final int L = S.length();
    /** Rows of a micro-tile. */
    static final int MR = 4;
    /** Columns of a micro-tile: 3 vectors (12 with AVX2). */
    static final int NR = 3 * L;
    /** Depth of a K block: a packed B sliver ({@code KC x NR}, 24 KiB with AVX2) stays in the 32 KiB L1. */
    static final int KC = 256;
    /** Rows of a packed A block ({@code MC x KC}, 256 KiB): stays in the 512 KiB L2. */
    static final int MC = 128;
    /** Columns of a packed B panel ({@code KC x NC}, at most 1.5 MiB with AVX2): in L3. */
    static final int NC = 64 * NR;

    private DoubleGemm() {
    }

    /** Per-thread packing memory, grown on demand and then reused. */
    static final class Buffers {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tile = new double[MR * NR];

        double[] a(int n) {
            if (a.length < n) {
                a = new double[n];
            }
            return a;
        }

        double[] b(int n) {
            if (b.length < n) {
                b = new double[n];
            }
            return b;
        }
    }

    /**
     * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of {@code c} ({@code ldc} columns), where
     * {@code op(a)} is {@code m x k} stored row-major with {@code lda} columns ({@code a^T} when {@code ta}),
     * and likewise {@code op(b)} {@code k x n}. {@code k > 0}. {@code addC} is {@code beta != 0} decided on
     * the caller's double beta (a beta that rounds to 0 still adds {@code 0 * c}, NaN for NaN, as the
     * definition does).
     */
    static void product(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, int k, double alpha, double beta,
            boolean addC, double[] c, int ldc, int i0, int i1, int j0, int j1, Buffers w) {
        int kc0 = Gemm.blockDepth(k, KC);
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kc0) {
                int kc = Math.min(kc0, k - pc);
                boolean first = pc == 0;
                double[] bp = w.b(Gemm.roundUp(nc, NR) * kc);
                packB(b, ldb, tb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    double[] ap = w.a(Gemm.roundUp(mc, MR) * kc);
                    packA(a, lda, ta, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            kernel(kc, ap, ir * kc, bp, jr * kc, w.tile);
                            store(w.tile, c, ldc, ic + ir, jc + jr, Math.min(MR, mc - ir), Math.min(NR, nc - jr), first,
                                    alpha, beta, addC);
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs rows {@code [ic, ic+mc)}, depth {@code [pc, pc+kc)} of {@code op(a)} into slivers of {@link #MR}
     * rows: sliver s holds {@code op(a)[ic + s MR + r][pc + p]} at {@code (s kc + p) MR + r}; rows past
     * {@code mc} are zero.
     */
    static void packA(double[] a, int lda, boolean ta, int ic, int mc, int pc, int kc, double[] ap) {
        int o = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            if (!ta && rows == MR) {
                int r0 = (ic + ir) * lda + pc;
                int r1 = r0 + lda;
                int r2 = r1 + lda;
                int r3 = r2 + lda;
                for (int p = 0; p < kc; p++, o += MR) {
                    ap[o] = a[r0 + p];
                    ap[o + 1] = a[r1 + p];
                    ap[o + 2] = a[r2 + p];
                    ap[o + 3] = a[r3 + p];
                }
            } else if (!ta) {
                for (int p = 0; p < kc; p++, o += MR) {
                    for (int r = 0; r < MR; r++) {
                        ap[o + r] = r < rows ? a[(ic + ir + r) * lda + pc + p] : 0;
                    }
                }
            } else {
                // op(a)[i][p] = a[p][i]: the sliver's MR values of one depth are contiguous in a
                for (int p = 0; p < kc; p++, o += MR) {
                    int from = (pc + p) * lda + ic + ir;
                    for (int r = 0; r < MR; r++) {
                        ap[o + r] = r < rows ? a[from + r] : 0;
                    }
                }
            }
        }
    }

    /**
     * Packs depth {@code [pc, pc+kc)}, columns {@code [jc, jc+nc)} of {@code op(b)} into slivers of
     * {@link #NR} columns: sliver s holds {@code op(b)[pc + p][jc + s NR + j]} at {@code (s kc + p) NR + j};
     * columns past {@code nc} are zero.
     */
    static void packB(double[] b, int ldb, boolean tb, int pc, int kc, int jc, int nc, double[] bp) {
        int o = 0;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            if (!tb) {
                // a plain copy: vector loads and stores here were boxed by C2 (JDK 17) in some compilations
                int from = pc * ldb + jc + jr;
                for (int p = 0; p < kc; p++, o += NR, from += ldb) {
                    System.arraycopy(b, from, bp, o, cols);
                    if (cols < NR) {
                        java.util.Arrays.fill(bp, o + cols, o + NR, 0.0);
                    }
                }
            } else {
                // op(b)[p][j] = b[j][p]: read each of the sliver's columns (a row of b) contiguously
                for (int j = 0; j < NR; j++) {
                    if (j < cols) {
                        int from = (jc + jr + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) {
                            bp[o + p * NR + j] = b[from + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[o + p * NR + j] = 0;
                        }
                    }
                }
                o += kc * NR;
            }
        }
    }

    /**
     * The micro-kernel: {@code tile[r][j] = sum_p ap[p][r] * bp[p][j]} for one {@code MR x NR} tile, as
     * 12 vector accumulators (4 rows x 3 vectors) updated by fused multiply-adds; each depth step loads 3
     * vectors of B and broadcasts 4 values of A: 12 FMAs for 7 loads, 16 registers with AVX2.
     */
    static void kernel(int kc, double[] ap, int ai, double[] bp, int bi, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00;
        DoubleVector c10 = c00, c11 = c00, c12 = c00;
        DoubleVector c20 = c00, c21 = c00, c22 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c02.intoArray(tile, 2 * L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c12.intoArray(tile, NR + 2 * L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c22.intoArray(tile, 2 * NR + 2 * L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c32.intoArray(tile, 3 * NR + 2 * L);
    }

    /**
     * Writes the valid {@code rows x cols} part of a tile into {@code c} at {@code (i, j)}: in the first K
     * block {@code alpha t + beta c} ({@code alpha t} when not {@code addC}, ignoring NaN in c), later
     * {@code c + alpha t}. The scalar edge code does the same double operations as the vector code.
     */
    static void store(double[] t, double[] c, int ldc, int i, int j, int rows, int cols, boolean first, double alpha,
            double beta, boolean addC) {
        if (rows == MR && cols == NR) {
            // Three straight loops, no vector assigned in branches: C2 (JDK 17) boxes a vector that meets
            // another at a control-flow merge, which allocated about 900 bytes per tile.
            DoubleVector va = DoubleVector.broadcast(S, alpha);
            if (!first) {
                for (int r = 0; r < MR; r++) {
                    int ci = (i + r) * ldc + j;
                    for (int v = 0; v < NR; v += L) {
                        DoubleVector.fromArray(S, c, ci + v).add(DoubleVector.fromArray(S, t, r * NR + v).mul(va)).intoArray(c, ci + v);
                    }
                }
            } else if (addC) {
                DoubleVector vb = DoubleVector.broadcast(S, beta);
                for (int r = 0; r < MR; r++) {
                    int ci = (i + r) * ldc + j;
                    for (int v = 0; v < NR; v += L) {
                        DoubleVector.fromArray(S, t, r * NR + v).mul(va).add(DoubleVector.fromArray(S, c, ci + v).mul(vb)).intoArray(c, ci + v);
                    }
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    int ci = (i + r) * ldc + j;
                    for (int v = 0; v < NR; v += L) {
                        DoubleVector.fromArray(S, t, r * NR + v).mul(va).intoArray(c, ci + v);
                    }
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int ci = (i + r) * ldc + j;
                for (int q = 0; q < cols; q++) {
                    double x = t[r * NR + q] * alpha;
                    if (!first) {
                        x = c[ci + q] + x;
                    } else if (addC) {
                        x = x + c[ci + q] * beta;
                    }
                    c[ci + q] = x;
                }
            }
        }
    }
}
