package org.gradflow.initializers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Random;

import org.gradflow.api.component.Settings;
import org.junit.Test;

/**
 * What makes {@code orthogonal} orthogonal, beyond the generic table tests: orthonormal rows or columns
 * times gain, the documented construction from the Gaussian draws, and the sign correction that makes
 * the distribution uniform.
 */
public class OrthogonalTest {
    private static final Orthogonal ORTHOGONAL = new Orthogonal();

    private static double[] fill(int fanOut, int fanIn, double gain, Random random) {
        double[] w = new double[fanOut * fanIn];
        ORTHOGONAL.fill(w, fanOut, fanIn,
                Settings.validate("initializer.", Map.of("gain", Double.toString(gain)), ORTHOGONAL.parameters()),
                random);
        return w;
    }

    /** {@code a b^T} for row-major a: [p, k] and b: [q, k]. */
    private static double[] timesTransposed(double[] a, double[] b, int p, int q, int k) {
        double[] out = new double[p * q];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < q; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += a[i * k + l] * b[j * k + l];
                }
                out[i * q + j] = s;
            }
        }
        return out;
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /** Every element of {@code product} (k x k) within 1e-10 gain^2 of {@code gain^2 I}. */
    private static void assertScaledIdentity(String what, double[] product, int k, double gain) {
        double g2 = gain * gain;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double expected = i == j ? g2 : 0;
                assertEquals(what + " [" + i + ", " + j + "]", expected, product[i * k + j], 1e-10 * g2);
            }
        }
    }

    /**
     * {@code W W^T = gain^2 I} when fanOut &lt;= fanIn (orthonormal rows), {@code W^T W = gain^2 I} when
     * fanOut &gt;= fanIn (orthonormal columns): square, wide, tall, and single rows and columns.
     */
    @Test
    public void rowsOrColumnsAreOrthonormalTimesGain() {
        int[][] shapes = {{1, 1}, {1, 9}, {9, 1}, {7, 7}, {64, 64}, {30, 80}, {80, 30}, {200, 200}, {128, 512},
            {512, 128}};
        for (double gain : new double[] {1, Math.sqrt(2), 0.25}) {
            for (int[] shape : shapes) {
                int fanOut = shape[0];
                int fanIn = shape[1];
                double[] w = fill(fanOut, fanIn, gain, new Random(fanOut * 1000L + fanIn));
                String what = "gain " + gain + " [" + fanOut + ", " + fanIn + "] ";
                if (fanOut <= fanIn) {
                    assertScaledIdentity(what + "W W^T", timesTransposed(w, w, fanOut, fanOut, fanIn), fanOut, gain);
                }
                if (fanOut >= fanIn) {
                    double[] wt = transpose(w, fanOut, fanIn);
                    assertScaledIdentity(what + "W^T W", timesTransposed(wt, wt, fanIn, fanIn, fanOut), fanIn, gain);
                }
            }
        }
    }

    /**
     * The documented construction: with G the m x n Gaussian draws (m = max fan, n = min fan, row-major,
     * in the order the seeded generator gives them), G = Q R with R upper triangular and its diagonal
     * positive, so {@code Q^T G = R}. Here {@code Q^T G} is computed from W (Q = W / gain, or W^T / gain)
     * and checked to be upper triangular with a positive diagonal: that pins down both the draw order and
     * the sign correction.
     */
    @Test
    public void isTheSignCorrectedQOfTheDraws() {
        int[][] shapes = {{12, 5}, {5, 12}, {9, 9}};
        double gain = 3;
        for (int[] shape : shapes) {
            int fanOut = shape[0];
            int fanIn = shape[1];
            int m = Math.max(fanOut, fanIn);
            int n = Math.min(fanOut, fanIn);
            double[] w = fill(fanOut, fanIn, gain, new Random(17));
            Random again = new Random(17);
            double[] g = new double[m * n];
            for (int i = 0; i < g.length; i++) {
                g[i] = again.nextGaussian();
            }
            double[] q = fanOut >= fanIn ? w.clone() : transpose(w, fanOut, fanIn); // m x n, times gain
            for (int i = 0; i < q.length; i++) {
                q[i] /= gain;
            }
            double[] r = timesTransposed(transpose(q, m, n), transpose(g, m, n), n, n, m); // Q^T G
            for (int i = 0; i < n; i++) {
                assertTrue("[" + fanOut + ", " + fanIn + "] R[" + i + "][" + i + "] = " + r[i * n + i] + " > 0",
                        r[i * n + i] > 0);
                for (int j = 0; j < i; j++) {
                    assertEquals("[" + fanOut + ", " + fanIn + "] R[" + i + "][" + j + "]", 0, r[i * n + j], 1e-12);
                }
            }
        }
    }

    /**
     * Haar measure on 3 x 3 orthogonal matrices, over 4000 draws: every entry has mean 0 and mean square
     * 1/3, and det = +1 and -1 are equally likely. Without the sign correction, W[0][0] = -|g_00| / |g_0|
     * (Householder reflects the first column onto -sign(g_00) e_1), always negative: mean about -0.5.
     * Tolerances are about 5 standard errors: sqrt(1/3 / 4000) = 0.009 for a mean, sqrt((3/15 - 1/9)
     * / 4000) = 0.0047 for a mean square, sqrt(1/4 / 4000) = 0.008 for the fraction.
     */
    @Test
    public void distributionIsUniformOverOrthogonalMatrices() {
        int draws = 4000;
        double[] sum = new double[9];
        double[] sumSquares = new double[9];
        int positiveDet = 0;
        Random random = new Random(2024);
        for (int t = 0; t < draws; t++) {
            double[] w = fill(3, 3, 1, random);
            for (int i = 0; i < 9; i++) {
                sum[i] += w[i];
                sumSquares[i] += w[i] * w[i];
            }
            double det = w[0] * (w[4] * w[8] - w[5] * w[7]) - w[1] * (w[3] * w[8] - w[5] * w[6])
                    + w[2] * (w[3] * w[7] - w[4] * w[6]);
            assertEquals("|det| = 1", 1, Math.abs(det), 1e-12);
            positiveDet += det > 0 ? 1 : 0;
        }
        for (int i = 0; i < 9; i++) {
            assertEquals("mean of W[" + i / 3 + "][" + i % 3 + "]", 0, sum[i] / draws, 0.045);
            assertEquals("mean square of W[" + i / 3 + "][" + i % 3 + "]", 1.0 / 3, sumSquares[i] / draws, 0.025);
        }
        assertEquals("fraction with det = +1", 0.5, (double) positiveDet / draws, 0.04);
    }
}
