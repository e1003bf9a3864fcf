package org.gradflow.initializers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Random;

import org.junit.Test;

/** {@link HouseholderQr}: A = Q R, Q^T Q = I, R upper triangular with a non-negative diagonal. */
public class HouseholderQrTest {

    private static void check(String what, double[] a, int m, int n) {
        HouseholderQr.Result qr = HouseholderQr.decompose(a, m, n);
        double[] q = qr.q();
        double[] r = qr.r();
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            assertTrue(what + ": R[" + i + "][" + i + "] = " + r[i * n + i], r[i * n + i] >= 0);
            for (int j = 0; j < i; j++) {
                assertEquals(what + ": R[" + i + "][" + j + "] below the diagonal", 0, r[i * n + j], 0);
            }
        }
        for (int i = 0; i < m; i++) { // Q R = A
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q[i * n + k] * r[k * n + j];
                }
                assertEquals(what + ": (Q R)[" + i + "][" + j + "]", a[i * n + j], s, 1e-13 * scale * n);
            }
        }
        for (int i = 0; i < n; i++) { // Q^T Q = I
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += q[k * n + i] * q[k * n + j];
                }
                assertEquals(what + ": (Q^T Q)[" + i + "][" + j + "]", i == j ? 1 : 0, s, 1e-13 * n);
            }
        }
    }

    private static double[] gaussian(int m, int n, long seed) {
        Random random = new Random(seed);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        return a;
    }

    @Test
    public void gaussianMatrices() {
        int[][] shapes = {{1, 1}, {5, 1}, {4, 4}, {9, 4}, {50, 50}, {120, 37}};
        for (int[] s : shapes) {
            check("gaussian [" + s[0] + ", " + s[1] + "]", gaussian(s[0], s[1], s[0] * 31L + s[1]), s[0], s[1]);
        }
    }

    /**
     * Hand-checkable: A = [[3, 1], [4, 2]]. Its first column has norm 5, so R[0][0] = 5 and
     * Q's first column is (3, 4) / 5; R[0][1] = (3 * 1 + 4 * 2) / 5 = 11/5; what remains of the second
     * column, (1, 2) - 11/5 (3, 4)/5 = (-8/25, 6/25), has norm 2/5 = R[1][1], so Q's second column is
     * (-4/5, 3/5). det A = 2 = R[0][0] R[1][1].
     */
    @Test
    public void twoByTwoByHand() {
        HouseholderQr.Result qr = HouseholderQr.decompose(new double[] {3, 1, 4, 2}, 2, 2);
        double[] expectedQ = {0.6, -0.8, 0.8, 0.6};
        double[] expectedR = {5, 2.2, 0, 0.4};
        for (int i = 0; i < 4; i++) {
            assertEquals("Q[" + i / 2 + "][" + i % 2 + "]", expectedQ[i], qr.q()[i], 1e-15);
            assertEquals("R[" + i / 2 + "][" + i % 2 + "]", expectedR[i], qr.r()[i], 1e-15);
        }
    }

    /** Badly conditioned and rank-deficient inputs still give an orthonormal Q (Gram-Schmidt would not). */
    @Test
    public void illConditionedAndRankDeficient() {
        int m = 40;
        int n = 10;
        double[] a = gaussian(m, n, 5);
        for (int i = 0; i < m; i++) {
            a[i * n + 1] = a[i * n] + 1e-12 * a[i * n + 1]; // column 1 nearly equals column 0
            a[i * n + 3] = 2 * a[i * n + 2]; // column 3 = 2 column 2
            a[i * n + 7] = 0; // a zero column
        }
        check("ill-conditioned", a, m, n);
        check("zero matrix", new double[12], 4, 3);
    }

    @Test
    public void wideMatrixIsRejected() {
        try {
            HouseholderQr.decompose(new double[6], 2, 3);
            fail("accepted a 2 x 3 matrix");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("[2, 3]"));
        }
    }
}
