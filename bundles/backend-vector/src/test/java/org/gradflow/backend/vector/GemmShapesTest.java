package org.gradflow.backend.vector;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.Random;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/**
 * The blocked product against the test kit's {@link ReferenceBackend} on the shapes that exercise the
 * blocking's edges, which the conformance suite's shapes do not all reach: row and column vectors as
 * outputs, depth 1, sizes that are not multiples of the vector length or the micro-tile, depths past one
 * and several K blocks ({@code KC}), rows past one A block ({@code MC}) and columns past one B panel
 * ({@code NC}); all four transpose forms, both precisions, and {@code beta = 0} over a c full of NaN.
 * The allowed difference is the conformance suite's matmul bound,
 * {@code 2(k+2)u (|alpha| sum_p |a_ip b_pj| + |beta c_ij|) + floor}.
 */
public class GemmShapesTest {
    private final VectorBackend backend = new VectorBackend(1, Long.MAX_VALUE);
    private final ReferenceBackend ref = new ReferenceBackend();
    private final Random random = new Random(20250101L);

    /** {m, k, n}. */
    private static int[][] shapes() {
        int fl = FloatGemm.L;
        return new int[][] {
            {1, 1, 1}, {1, 300, 1}, {1, 7, 37}, {1, 64, 129}, {37, 7, 1}, {129, 64, 1}, // vectors
            {5, 1, 29}, {33, 1, 33}, {1, 1, 50}, // depth 1
            {fl - 1, fl + 1, 3 * fl - 1}, {fl + 1, 2 * fl - 1, 3 * fl + 1}, {9, 13, 25}, {7, 17, 23}, // not multiples
            {FloatGemm.MR, 8, FloatGemm.NR}, {DoubleGemm.MR, 8, DoubleGemm.NR}, // exactly one tile
            {3, FloatGemm.KC + 1, 5}, {5, 1000, 7}, {6, 2049, 9}, // several K blocks, uneven
            {FloatGemm.MC + 3, 9, 50}, {2 * DoubleGemm.MC + 1, 5, 13}, // several A blocks
            {3, 5, FloatGemm.NC + 7}, {2, 3, 2 * DoubleGemm.NC + 1}, // several B panels
        };
    }

    @Test
    public void awkwardShapesMatchTheReferenceInAllTransposeFormsAndPrecisions() {
        for (Precision p : Precision.values()) {
            for (int[] s : shapes()) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 2) != 0, tb = (t & 1) != 0;
                    check(p, s[0], s[1], s[2], ta, tb, 1, 0, gaussian(s[0] * s[1]), gaussian(s[1] * s[2]), nans(s[0] * s[2]));
                    check(p, s[0], s[1], s[2], ta, tb, -0.75, 1.5, gaussian(s[0] * s[1]), gaussian(s[1] * s[2]),
                            gaussian(s[0] * s[2]));
                }
            }
        }
    }

    /**
     * Infinities of both signs in different K blocks of one dot product must meet as NaN, as the
     * reference's single sum makes them: row 0 of op(a) is +Inf at depth 0 and -Inf at depth k-1 (a
     * different block), op(b) is all ones; row 1 has one +Inf only and stays +Inf; row 2 of op(a) is zero
     * and {@code op(b)[5][0]} is +Inf, so {@code c[2][0]} is {@code 0 * Inf = NaN}.
     */
    @Test
    public void infinitiesMeetAcrossKBlocksLikeInOneSum() {
        int m = 3, k = 3 * FloatGemm.KC + 5, n = 2 * FloatGemm.NR + 3;
        for (Precision p : Precision.values()) {
            for (int t = 0; t < 4; t++) {
                double[] a = gaussian(m * k);
                double[] b = new double[k * n];
                Arrays.fill(b, 1);
                a[0] = Double.POSITIVE_INFINITY;
                a[k - 1] = Double.NEGATIVE_INFINITY;
                a[k + 7] = Double.POSITIVE_INFINITY;
                for (int q = 0; q < k; q++) {
                    a[2 * k + q] = 0;
                }
                b[5 * n] = Double.POSITIVE_INFINITY; // op(b) row 5: 0 * Inf in row 2 of c
                double[] c = check(p, m, k, n, (t & 2) != 0, (t & 1) != 0, 1, 0, a, b, nans(m * n));
                for (int j = 0; j < n; j++) {
                    assertTrue(p + " row 0 is NaN", Double.isNaN(c[j]));
                    assertTrue(p + " row 1 is +Inf (but column 0, which meets op(b)'s +Inf too)",
                            j == 0 || c[n + j] == Double.POSITIVE_INFINITY);
                }
                assertTrue(p + " c[2][0] is 0 * Inf", Double.isNaN(c[2 * n]));
            }
        }
    }

    /** Runs {@code c = alpha op(a) op(b) + beta c} on both backends ({@code opA [m, k]}, {@code opB [k, n]} row-major). */
    private double[] check(Precision p, int m, int k, int n, boolean ta, boolean tb, double alpha, double beta,
            double[] opA, double[] opB, double[] c) {
        double[] physA = ta ? transpose(opA, m, k) : opA;
        double[] physB = tb ? transpose(opB, k, n) : opB;
        Tensor a = upload(backend, p, ta ? k : m, ta ? m : k, physA);
        Tensor b = upload(backend, p, tb ? n : k, tb ? k : n, physB);
        Tensor cc = upload(backend, p, m, n, c);
        Tensor ra = upload(ref, p, ta ? k : m, ta ? m : k, physA);
        Tensor rb = upload(ref, p, tb ? n : k, tb ? k : n, physB);
        Tensor rc = upload(ref, p, m, n, c);
        backend.matmul(a, ta, b, tb, alpha, beta, cc);
        ref.matmul(ra, ta, rb, tb, alpha, beta, rc);
        double[] expected = download(ref, rc);
        double[] got = download(backend, cc);
        double u = p == Precision.FLOAT32 ? 0x1p-24 : 0x1p-53;
        double floor = p == Precision.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double terms = 0;
                for (int q = 0; q < k; q++) {
                    terms += Math.abs(round(p, opA[i * k + q]) * round(p, opB[q * n + j]));
                }
                double old = beta == 0 ? 0 : Math.abs(beta * round(p, c[i * n + j]));
                double bound = 2 * (k + 2) * u * (Math.abs(alpha) * terms + old) + floor;
                double e = expected[i * n + j];
                double g = got[i * n + j];
                boolean ok = Double.isNaN(e) ? Double.isNaN(g)
                        : Double.isInfinite(e) ? e == g : Double.isFinite(g) && Math.abs(g - e) <= bound;
                if (!ok) {
                    fail(String.format("%s %dx%d%s * %dx%d%s alpha %s beta %s: c[%d][%d] expected %s, got %s, allowed %.3g",
                            p, m, k, ta ? " (a^T)" : "", k, n, tb ? " (b^T)" : "", alpha, beta, i, j, e, g, bound));
                }
            }
        }
        return got;
    }

    private static double round(Precision p, double v) {
        return p == Precision.FLOAT32 ? (float) v : v;
    }

    private double[] gaussian(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static double[] nans(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /** {@code [cols, rows]} row-major from {@code [rows, cols]} row-major. */
    static double[] transpose(double[] v, int rows, int cols) {
        double[] t = new double[v.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = v[i * cols + j];
            }
        }
        return t;
    }

    static Tensor upload(ComputeBackend be, Precision p, int rows, int cols, double... values) {
        Tensor t = be.allocate(rows, cols, p);
        be.upload(values, 0, t);
        return t;
    }

    static double[] download(ComputeBackend be, Tensor t) {
        double[] v = new double[(int) t.size()];
        be.download(t, v, 0);
        return v;
    }
}
