package org.gradflow.kernels;

import java.util.Arrays;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.tensor.ComputeBackend;

/**
 * Row-wise and reduction loops over row-major {@code double[]} and {@code float[]} arrays, the same for
 * every array-backed backend: activations (a generic {@link ActivationFunction} per element), softmax,
 * cross-entropy, arg-max, row-norm caps, normalization and dropout masks. Float variants compute in
 * double and round once per stored element. Each method's contract is the {@link ComputeBackend}
 * operation of the same name.
 */
public final class ScalarKernels {
    private ScalarKernels() {
    }

    /** {@code mask[i] = u(seed, i) < keep ? scale : 0}, the uniform numbers of {@link ComputeBackend#dropoutUniform}. */
    public static void dropoutMask(double keep, double scale, long seed, double[] mask) {
        for (int i = 0; i < mask.length; i++) {
            mask[i] = ComputeBackend.dropoutUniform(seed, i) < keep ? scale : 0;
        }
    }

    /** As the double version, with {@code scale} rounded to float once, as the reference stores it. */
    public static void dropoutMask(double keep, double scale, long seed, float[] mask) {
        float s = (float) scale;
        for (int i = 0; i < mask.length; i++) {
            mask[i] = ComputeBackend.dropoutUniform(seed, i) < keep ? s : 0;
        }
    }

    public static void activate(ActivationFunction f, double[] z, double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = f.value(z[i]);
        }
    }

    public static void activate(ActivationFunction f, float[] z, float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) f.value(z[i]);
        }
    }

    public static void activateBackward(ActivationFunction f, double[] z, double[] a, double[] gradA, double[] gradZ) {
        for (int i = 0; i < gradZ.length; i++) {
            gradZ[i] = gradA[i] * f.derivative(z[i], a[i]);
        }
    }

    public static void activateBackward(ActivationFunction f, float[] z, float[] a, float[] gradA, float[] gradZ) {
        for (int i = 0; i < gradZ.length; i++) {
            gradZ[i] = (float) (gradA[i] * f.derivative(z[i], a[i]));
        }
    }

    /**
     * Row-wise softmax with the row maximum subtracted; {@code e} holds at least {@code cols} doubles. A
     * NaN anywhere in a row (or a +Inf, or a row of -Inf) makes that row NaN, as in the formula.
     */
    public static void softmaxRows(double[] x, double[] p, int cols, double[] e) {
        for (int from = 0; from < x.length; from += cols) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[from + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                double v = Math.exp(x[from + j] - max);
                e[j] = v;
                sum += v;
            }
            for (int j = 0; j < cols; j++) {
                p[from + j] = e[j] / sum;
            }
        }
    }

    public static void softmaxRows(float[] x, float[] p, int cols, double[] e) {
        for (int from = 0; from < x.length; from += cols) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[from + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                double v = Math.exp(x[from + j] - max);
                e[j] = v;
                sum += v;
            }
            for (int j = 0; j < cols; j++) {
                p[from + j] = (float) (e[j] / sum);
            }
        }
    }

    /** Index of each row's largest element, the first on ties; NaN is never larger, as in the reference. */
    public static void argmaxRows(double[] t, int cols, int[] out) {
        for (int i = 0, from = 0; from < t.length; i++, from += cols) {
            int best = 0;
            double bestValue = t[from];
            for (int j = 1; j < cols; j++) {
                if (t[from + j] > bestValue) {
                    best = j;
                    bestValue = t[from + j];
                }
            }
            out[i] = best;
        }
    }

    public static void argmaxRows(float[] t, int cols, int[] out) {
        for (int i = 0, from = 0; from < t.length; i++, from += cols) {
            int best = 0;
            float bestValue = t[from];
            for (int j = 1; j < cols; j++) {
                if (t[from + j] > bestValue) {
                    best = j;
                    bestValue = t[from + j];
                }
            }
            out[i] = best;
        }
    }

    /**
     * The max-norm constraint on each row of {@code m}: a row whose L2 norm {@code r} exceeds
     * {@code maxNorm} is multiplied by {@code maxNorm / r}; rows with a NaN or an infinity keep their
     * values. The sum of squares runs in index order as in the reference; if it overflows although the
     * row is finite (values above about 1e154), a second, scaled pass gives the finite norm the definition
     * asks for, as {@link #stats(double[])} does, instead of leaving the row uncapped.
     */
    public static void capRowNorms(double maxNorm, double[] m, int cols) {
        for (int from = 0; from < m.length; from += cols) {
            double sumSq = 0;
            for (int j = 0; j < cols; j++) {
                double v = m[from + j];
                sumSq += v * v;
            }
            double norm = Math.sqrt(sumSq);
            if (sumSq == Double.POSITIVE_INFINITY) {
                norm = scaledNorm(m, from, cols);
            }
            if (Double.isFinite(norm) && norm > maxNorm) {
                double factor = maxNorm / norm;
                for (int j = 0; j < cols; j++) {
                    m[from + j] = m[from + j] * factor;
                }
            }
        }
    }

    /** {@code maxAbs * sqrt(sum (v / maxAbs)^2)} over one row: infinite if an element is, or the norm is past MAX_VALUE. */
    private static double scaledNorm(double[] m, int from, int cols) {
        double maxAbs = 0;
        for (int j = 0; j < cols; j++) {
            maxAbs = Math.max(maxAbs, Math.abs(m[from + j]));
        }
        if (!Double.isFinite(maxAbs)) {
            return maxAbs;
        }
        double scaled = 0;
        for (int j = 0; j < cols; j++) {
            double r = m[from + j] / maxAbs;
            scaled += r * r;
        }
        return maxAbs * Math.sqrt(scaled);
    }

    /**
     * As the double version; the squares are summed in double, where even a row of floats near
     * {@code Float.MAX_VALUE} cannot overflow, so only a NaN or an infinity makes the norm non-finite.
     */
    public static void capRowNorms(double maxNorm, float[] m, int cols) {
        for (int from = 0; from < m.length; from += cols) {
            double sumSq = 0;
            for (int j = 0; j < cols; j++) {
                double v = m[from + j];
                sumSq += v * v;
            }
            double norm = Math.sqrt(sumSq);
            if (Double.isFinite(norm) && norm > maxNorm) {
                double factor = maxNorm / norm;
                for (int j = 0; j < cols; j++) {
                    m[from + j] = (float) (m[from + j] * factor);
                }
            }
        }
    }

    public static double crossEntropy(double[] probs, double[] targets, double tiny) {
        double sum = 0;
        for (int i = 0; i < probs.length; i++) {
            double t = targets[i];
            if (t != 0) {
                sum -= t * Math.log(Math.max(probs[i], tiny));
            }
        }
        return sum;
    }

    public static double crossEntropy(float[] probs, float[] targets, double tiny) {
        double sum = 0;
        for (int i = 0; i < probs.length; i++) {
            double t = targets[i];
            if (t != 0) {
                sum -= t * Math.log(Math.max(probs[i], tiny));
            }
        }
        return sum;
    }

    public static void normalize(boolean batch, double[] x, int rows, int cols, double eps, double[] mean, double[] var, double[] xhat,
            double[] w) {
        int stats = batch ? cols : rows;
        int count = batch ? rows : cols;
        Arrays.fill(w, 0, 2 * stats, 0.0);
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                w[batch ? c : r] += x[i];
            }
        }
        for (int k = 0; k < stats; k++) {
            w[k] = w[k] / count;
        }
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                int k = batch ? c : r;
                double dev = x[i] - w[k];
                w[stats + k] += dev * dev;
            }
        }
        for (int k = 0; k < stats; k++) {
            double v = w[stats + k] / count;
            mean[k] = w[k];
            var[k] = v;
            w[stats + k] = Math.sqrt(v + eps);
        }
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                int k = batch ? c : r;
                xhat[i] = (x[i] - w[k]) / w[stats + k];
            }
        }
    }

    public static void normalizeBackward(boolean batch, double[] g, double[] h, int rows, int cols, double[] var, double eps,
            double[] gradX, double[] w) {
        int stats = batch ? cols : rows;
        int count = batch ? rows : cols;
        Arrays.fill(w, 0, 2 * stats, 0.0);
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                int k = batch ? c : r;
                double gi = g[i];
                w[k] += gi / count;
                w[stats + k] += gi * h[i] / count;
            }
        }
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                int k = batch ? c : r;
                double s = 1 / Math.sqrt(var[k] + eps);
                gradX[i] = s * (g[i] - w[k] - h[i] * w[stats + k]);
            }
        }
    }

    public static void normalize(boolean batch, float[] x, int rows, int cols, double eps, float[] mean, float[] var, float[] xhat,
            double[] w) {
        int stats = batch ? cols : rows;
        int count = batch ? rows : cols;
        Arrays.fill(w, 0, 2 * stats, 0.0);
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                w[batch ? c : r] += x[i];
            }
        }
        for (int k = 0; k < stats; k++) {
            w[k] = w[k] / count;
        }
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                int k = batch ? c : r;
                double dev = x[i] - w[k];
                w[stats + k] += dev * dev;
            }
        }
        for (int k = 0; k < stats; k++) {
            double v = w[stats + k] / count;
            mean[k] = (float) w[k];
            var[k] = (float) v;
            w[stats + k] = Math.sqrt(v + eps);
        }
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                int k = batch ? c : r;
                xhat[i] = (float) ((x[i] - w[k]) / w[stats + k]);
            }
        }
    }

    public static void normalizeBackward(boolean batch, float[] g, float[] h, int rows, int cols, float[] var, double eps,
            float[] gradX, double[] w) {
        int stats = batch ? cols : rows;
        int count = batch ? rows : cols;
        Arrays.fill(w, 0, 2 * stats, 0.0);
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                int k = batch ? c : r;
                double gi = g[i];
                w[k] += gi / count;
                w[stats + k] += gi * h[i] / count;
            }
        }
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                int k = batch ? c : r;
                double s = 1 / Math.sqrt(var[k] + eps);
                gradX[i] = (float) (s * (g[i] - w[k] - h[i] * w[stats + k]));
            }
        }
    }

    /**
     * FLOAT32 {@code scaleShiftBackward}: the column sums of {@code g} and {@code g * xhat} in double (into
     * {@code w}, at least {@code 2 * cols}), added to {@code gradBeta} and {@code gradGamma} with one rounding
     * each, and {@code gradXhat = g * gamma} rounded once.
     */
    public static void scaleShiftBackward(float[] g, float[] xhat, int cols, float[] gamma, float[] gradGamma, float[] gradBeta,
            float[] gradXhat, double[] w) {
        Arrays.fill(w, 0, 2 * cols, 0.0);
        for (int from = 0; from < g.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                double gi = g[from + j];
                w[j] += gi;
                w[cols + j] += gi * xhat[from + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            gradGamma[j] = (float) (gradGamma[j] + w[cols + j]);
            gradBeta[j] = (float) (gradBeta[j] + w[j]);
        }
        for (int from = 0; from < g.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                gradXhat[from + j] = (float) ((double) g[from + j] * gamma[j]);
            }
        }
    }
}
