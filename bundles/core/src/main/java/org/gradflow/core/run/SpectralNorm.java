package org.gradflow.core.run;

/**
 * The largest singular value {@code sigma_max(W)} of a dense matrix, by power iteration on
 * {@code W^T W}: {@code v <- W^T W v / ||W^T W v||} converges to the top right singular vector and
 * {@code ||W v||} to {@code sigma_max}. The start vector is fixed (deterministic results) and not
 * orthogonal to any coordinate axis.
 */
final class SpectralNorm {
    private static final int MAX_ITERATIONS = 500;
    private static final double TOLERANCE = 1e-12;

    private SpectralNorm() {
    }

    /**
     * @param m      row-major values holding the matrix at {@code offset}
     * @param rows   rows of the matrix
     * @param cols   columns of the matrix
     */
    static double largestSingularValue(double[] m, int offset, int rows, int cols) {
        double[] v = new double[cols];
        for (int j = 0; j < cols; j++) {
            v[j] = 1 + 0.1 * Math.sin(j + 1.0); // fixed, dense, not orthogonal to any axis
        }
        normalize(v);
        double[] wv = new double[rows];
        double sigma = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            for (int i = 0; i < rows; i++) {
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += m[offset + i * cols + j] * v[j];
                }
                wv[i] = s;
            }
            double next = norm(wv);
            if (next == 0 || !Double.isFinite(next)) {
                return next;
            }
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += m[offset + i * cols + j] * wv[i];
                }
                v[j] = s;
            }
            normalize(v);
            boolean converged = Math.abs(next - sigma) <= TOLERANCE * next;
            sigma = next;
            if (converged) {
                break;
            }
        }
        return sigma;
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double d : x) {
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static void normalize(double[] x) {
        double n = norm(x);
        if (n > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] /= n;
            }
        }
    }
}
