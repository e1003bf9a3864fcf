package org.gradflow.backend.ojalgo;

import java.util.Arrays;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.TensorStats;

/**
 * The element-wise and reduction loops of the ojAlgo backend, over row-major arrays, one version per
 * precision. Each is the formula of {@code ComputeBackend}'s Javadoc written as one loop in the same
 * order of operations as the test kit's {@code ReferenceBackend}: FLOAT64 results equal the reference
 * bit for bit (except where the reference's sum of squares overflows on finite values: the norms of
 * {@link #stats(double[])} and {@link #capRowNorms(double, double[], int)} stay finite), and FLOAT32
 * ones compute in double and round once when storing, as the reference does.
 * Sums run in index order, in double for both precisions. Shapes are checked by the caller.
 */
final class Kernels {
    private Kernels() {
    }

    // ----- y = a * x + b * y

    static void axpby(double a, double[] x, double b, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = a * x[i] + b * y[i];
        }
    }

    static void axpby(double a, float[] x, double b, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (a * x[i] + b * y[i]);
        }
    }

    // ----- y = b * y + a * x * x

    static void addScaledSquare(double a, double[] x, double b, double[] y) {
        for (int i = 0; i < y.length; i++) {
            double v = x[i];
            y[i] = b * y[i] + a * v * v;
        }
    }

    static void addScaledSquare(double a, float[] x, double b, float[] y) {
        for (int i = 0; i < y.length; i++) {
            double v = x[i];
            y[i] = (float) (b * y[i] + a * v * v);
        }
    }

    // ----- y = y + a * num / (sqrt(den) + eps)

    static void addScaledRatio(double a, double[] num, double[] den, double eps, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i] + a * num[i] / (Math.sqrt(den[i]) + eps);
        }
    }

    static void addScaledRatio(double a, float[] num, float[] den, double eps, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (y[i] + a * num[i] / (Math.sqrt(den[i]) + eps));
        }
    }

    // ----- y = x * y

    static void multiply(double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] * y[i];
        }
    }

    static void multiply(float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) ((double) x[i] * y[i]);
        }
    }

    // ----- y = min(max(y, lo), hi), NaN stays NaN

    static void clamp(double lo, double hi, double[] y) {
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (v == v) {
                y[i] = Math.min(Math.max(v, lo), hi);
            }
        }
    }

    static void clamp(double lo, double hi, float[] y) {
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (v == v) {
                y[i] = (float) Math.min(Math.max(v, lo), hi);
            }
        }
    }

    // ----- y = y + a * sign(x), sign(0) = 0, sign(NaN) = NaN

    static void addScaledSign(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i] + a * sign(x[i]);
        }
    }

    static void addScaledSign(double a, float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (y[i] + a * sign(x[i]));
        }
    }

    /** +1, -1, 0 for either zero, NaN for NaN (not {@code Math.signum}, which keeps the zero's sign). */
    private static double sign(double v) {
        return v > 0 ? 1 : v < 0 ? -1 : v == 0 ? 0 : Double.NaN;
    }

    // ----- y = max(x, y), NaN if either is NaN (Math.max)

    static void maximum(double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(x[i], y[i]);
        }
    }

    static void maximum(float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(x[i], y[i]);
        }
    }

    // ----- y = sqrt(x)

    static void sqrt(double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sqrt(x[i]);
        }
    }

    /** The double square root of a float, rounded to float, is the correctly rounded float square root. */
    static void sqrt(float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.sqrt(x[i]);
        }
    }

    // ----- the dropout mask

    // ----- activations

    // ----- rows and columns

    /** {@code m[i][j] += row[j]}. */
    static void addRowVector(double[] row, double[] m, int cols) {
        for (int from = 0; from < m.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                m[from + j] += row[j];
            }
        }
    }

    static void addRowVector(float[] row, float[] m, int cols) {
        for (int from = 0; from < m.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                m[from + j] = (float) ((double) m[from + j] + row[j]);
            }
        }
    }

    /** {@code sums[j] = sum_i m[i][j]}, summing i upwards from 0 (the reference's order). */
    static void columnSums(double[] m, int cols, double[] sums) {
        Arrays.fill(sums, 0, cols, 0.0);
        for (int from = 0; from < m.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                sums[j] += m[from + j];
            }
        }
    }

    static void columnSums(float[] m, int cols, double[] sums) {
        Arrays.fill(sums, 0, cols, 0.0);
        for (int from = 0; from < m.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                sums[j] += m[from + j];
            }
        }
    }

    // ----- reductions to a scalar

    /** {@code sum |x|} in index order; NaN propagates, an infinity gives infinity. */
    static double sumAbs(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += Math.abs(v);
        }
        return sum;
    }

    static double sumAbs(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += Math.abs((double) v);
        }
        return sum;
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    static double squaredDistance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = (double) a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    /**
     * Count, L2 norm, max |x| and non-finite count of the finite elements, in one pass. If the sum of
     * squares overflows although every element is finite (FLOAT64 values above about 1e154) a second,
     * scaled pass ({@code maxAbs * sqrt(sum (x / maxAbs)^2)}) gives the finite norm the definition asks
     * for instead of infinity.
     */
    static TensorStats stats(double[] x) {
        // Four partial sums in a fixed order: the adds no longer wait on each other (the JIT does not
        // reorder floating-point sums itself), and the result is the same on every call.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        double maxAbs = 0;
        long nonFinite = 0;
        int n = x.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double a = x[i], b = x[i + 1], c = x[i + 2], d = x[i + 3];
            if (Double.isFinite(a) & Double.isFinite(b) & Double.isFinite(c) & Double.isFinite(d)) {
                s0 += a * a;
                s1 += b * b;
                s2 += c * c;
                s3 += d * d;
                maxAbs = Math.max(maxAbs, Math.max(Math.max(Math.abs(a), Math.abs(b)), Math.max(Math.abs(c), Math.abs(d))));
            } else {
                for (int k = i; k < i + 4; k++) {
                    double v = x[k];
                    if (Double.isFinite(v)) {
                        s0 += v * v;
                        maxAbs = Math.max(maxAbs, Math.abs(v));
                    } else {
                        nonFinite++;
                    }
                }
            }
        }
        for (; i < n; i++) {
            double v = x[i];
            if (Double.isFinite(v)) {
                s0 += v * v;
                maxAbs = Math.max(maxAbs, Math.abs(v));
            } else {
                nonFinite++;
            }
        }
        double sumSq = (s0 + s1) + (s2 + s3);
        double l2 = Math.sqrt(sumSq);
        if (sumSq == Double.POSITIVE_INFINITY) {
            double scaled = 0;
            for (double v : x) {
                if (Double.isFinite(v)) {
                    double r = v / maxAbs;
                    scaled += r * r;
                }
            }
            l2 = maxAbs * Math.sqrt(scaled);
        }
        return new TensorStats(x.length, l2, maxAbs, nonFinite);
    }

    /** As {@link #stats(double[])}; squares of floats cannot overflow a double sum. */
    static TensorStats stats(float[] x) {
        double sumSq = 0;
        double maxAbs = 0;
        long nonFinite = 0;
        for (float f : x) {
            double v = f;
            if (Double.isFinite(v)) {
                sumSq += v * v;
                maxAbs = Math.max(maxAbs, Math.abs(v));
            } else {
                nonFinite++;
            }
        }
        return new TensorStats(x.length, Math.sqrt(sumSq), maxAbs, nonFinite);
    }

    // ----- normalization, scale and shift, parametric ReLU
    //
    // Statistics run in double, in the reference's order: a per-statistic sum in row-major order, the
    // mean, then the squared deviations from it (two passes); {@code batch}: per column ([1, C]), else
    // per row ([B, 1]). {@code w} is scratch of at least 2 * stats (or 2 * cols) doubles. Accumulating
    // outputs add into their contents. Outputs may alias inputs of their shape: every sum is taken
    // before the first output element is written.

    static void normalizeWith(double[] x, int cols, double[] mean, double[] var, double eps, double[] xhat) {
        for (int from = 0; from < x.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                xhat[from + j] = (x[from + j] - (double) mean[j]) / Math.sqrt(var[j] + eps);
            }
        }
    }

    static void scaleShift(double[] xhat, int cols, double[] gamma, double[] beta, double[] y) {
        for (int from = 0; from < xhat.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                y[from + j] = (double) xhat[from + j] * gamma[j] + beta[j];
            }
        }
    }

    static void scaleShiftBackward(double[] g, double[] xhat, int cols, double[] gamma, double[] gradGamma, double[] gradBeta,
            double[] gradXhat, double[] w) {
        Arrays.fill(w, 0, 2 * cols, 0.0);
        for (int from = 0; from < g.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                double gi = g[from + j];
                w[j] += gi;
                w[cols + j] += gi * xhat[from + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            gradGamma[j] = gradGamma[j] + w[cols + j];
            gradBeta[j] = gradBeta[j] + w[j];
        }
        for (int from = 0; from < g.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                gradXhat[from + j] = (double) g[from + j] * gamma[j];
            }
        }
    }

    static void prelu(double[] x, int cols, double[] slope, double[] y) {
        for (int from = 0; from < x.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                double v = x[from + j];
                y[from + j] = v > 0 ? v : slope[j] * v;
            }
        }
    }

    static void preluBackward(double[] g, double[] x, int cols, double[] slope, double[] gradSlope, double[] gradX, double[] w) {
        Arrays.fill(w, 0, cols, 0.0);
        for (int from = 0; from < g.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                w[j] += g[from + j] * Math.min((double) x[from + j], 0);
            }
        }
        for (int j = 0; j < cols; j++) {
            gradSlope[j] = gradSlope[j] + w[j];
        }
        for (int from = 0; from < g.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                double gi = g[from + j];
                gradX[from + j] = x[from + j] > 0 ? gi : slope[j] * gi;
            }
        }
    }

    static void normalizeWith(float[] x, int cols, float[] mean, float[] var, double eps, float[] xhat) {
        for (int from = 0; from < x.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                xhat[from + j] = (float) ((x[from + j] - (double) mean[j]) / Math.sqrt(var[j] + eps));
            }
        }
    }

    static void scaleShift(float[] xhat, int cols, float[] gamma, float[] beta, float[] y) {
        for (int from = 0; from < xhat.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                y[from + j] = (float) ((double) xhat[from + j] * gamma[j] + beta[j]);
            }
        }
    }

    static void prelu(float[] x, int cols, float[] slope, float[] y) {
        for (int from = 0; from < x.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                double v = x[from + j];
                y[from + j] = (float) (v > 0 ? v : slope[j] * v);
            }
        }
    }

    static void preluBackward(float[] g, float[] x, int cols, float[] slope, float[] gradSlope, float[] gradX, double[] w) {
        Arrays.fill(w, 0, cols, 0.0);
        for (int from = 0; from < g.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                w[j] += g[from + j] * Math.min((double) x[from + j], 0);
            }
        }
        for (int j = 0; j < cols; j++) {
            gradSlope[j] = (float) (gradSlope[j] + w[j]);
        }
        for (int from = 0; from < g.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                double gi = g[from + j];
                gradX[from + j] = (float) (x[from + j] > 0 ? gi : slope[j] * gi);
            }
        }
    }
}
