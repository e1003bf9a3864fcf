package org.gradflow.initializers;

/**
 * The thin QR decomposition {@code A = Q R} of a tall matrix by Householder reflections, in double
 * precision, with R's diagonal made non-negative. For {@link Orthogonal}.
 *
 * <pre>
 * A: m x n, m &gt;= n.   for k = 0 .. n-1:
 *   x = A[k.., k],  alpha = -sign(x_0) |x|        (the sign that avoids cancellation in x_0 - alpha)
 *   u = (x - alpha e_1) / |x - alpha e_1|,  H_k = I - 2 u u^T     (H_k x = alpha e_1)
 *   A[k.., k..] = H_k A[k.., k..]                 (now R[k][k] = alpha, zeros below it)
 * Q = H_0 H_1 ... H_{n-1} [I_n; 0], applied right to left (backward accumulation)
 * finally, for each j with R[j][j] &lt; 0: negate column j of Q and row j of R   (Q R unchanged)
 * </pre>
 * A column that is already 0 below the diagonal gets no reflection. Householder QR is backward stable:
 * {@code Q^T Q = I} to a few ulps times n whatever the condition of A, which Gram-Schmidt cannot promise.
 * With R's diagonal positive the factorization of a full-rank A is unique, so Q does not depend on the
 * algorithm's sign choices. Norms are summed without rescaling, so entries must be of moderate size
 * (Gaussian draws are). Work is held column by column (contiguous inner loops); cost {@code 4 m n^2
 * - 4 n^3 / 3} flops. Reference: Golub &amp; Van Loan, "Matrix Computations", 4th ed., 2013, 5.1-5.2.
 */
final class HouseholderQr {
    private HouseholderQr() {
    }

    /**
     * @param q m x n, row-major, orthonormal columns
     * @param r n x n, row-major, upper triangular with {@code r[j][j] >= 0}
     */
    record Result(double[] q, double[] r) {
    }

    /** Decomposes {@code a}, an m x n row-major matrix with {@code m >= n >= 1}; {@code a} is not changed. */
    static Result decompose(double[] a, int m, int n) {
        if (n < 1 || m < n || a.length != (long) m * n) {
            throw new IllegalArgumentException("QR needs a tall m x n matrix, m >= n >= 1: got [" + m + ", " + n
                    + "] with " + a.length + " values");
        }
        double[][] col = new double[n][m]; // col[j][i] = A[i][j], reduced in place to R
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                col[j][i] = a[i * n + j];
            }
        }
        double[][] u = new double[n][]; // u[k] has length m - k and norm 1, or is null (no reflection)
        for (int k = 0; k < n; k++) {
            double[] x = col[k];
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm += x[i] * x[i];
            }
            norm = Math.sqrt(norm);
            double alpha = x[k] > 0 ? -norm : norm;
            double[] v = new double[m - k];
            for (int i = k; i < m; i++) {
                v[i - k] = x[i];
            }
            v[0] -= alpha;
            double vNorm = 0;
            for (double vi : v) {
                vNorm += vi * vi;
            }
            vNorm = Math.sqrt(vNorm);
            if (vNorm > 0) {
                for (int i = 0; i < v.length; i++) {
                    v[i] /= vNorm;
                }
                u[k] = v;
                for (int j = k + 1; j < n; j++) {
                    reflect(v, col[j], k);
                }
            }
            x[k] = alpha; // vNorm == 0 only when x = 0, and then alpha = 0 too
            for (int i = k + 1; i < m; i++) {
                x[i] = 0;
            }
        }
        double[][] qCol = new double[n][m]; // [I_n; 0], column by column
        for (int j = 0; j < n; j++) {
            qCol[j][j] = 1;
        }
        for (int k = n - 1; k >= 0; k--) {
            if (u[k] != null) {
                for (int j = k; j < n; j++) { // columns j < k are still e_j, zero in rows k..
                    reflect(u[k], qCol[j], k);
                }
            }
        }
        double[] q = new double[m * n];
        double[] r = new double[n * n];
        for (int j = 0; j < n; j++) {
            double sign = col[j][j] < 0 ? -1 : 1;
            for (int i = 0; i < m; i++) {
                q[i * n + j] = sign * qCol[j][i];
            }
            for (int c = j; c < n; c++) {
                r[j * n + c] = sign * col[c][j];
            }
        }
        return new Result(q, r);
    }

    /** {@code y[k..] = (I - 2 u u^T) y[k..]}. */
    private static void reflect(double[] u, double[] y, int k) {
        double dot = 0;
        for (int i = 0; i < u.length; i++) {
            dot += u[i] * y[k + i];
        }
        dot *= 2;
        for (int i = 0; i < u.length; i++) {
            y[k + i] -= dot * u[i];
        }
    }
}
