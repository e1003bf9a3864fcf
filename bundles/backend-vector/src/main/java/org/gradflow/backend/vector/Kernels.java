package org.gradflow.backend.vector;

import java.util.Arrays;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.TensorStats;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise and reduction loops of the vector backend over row-major arrays, one version per
 * precision. Shapes are checked by the caller.
 *
 * <h2>Bit for bit the reference, for every element-wise formula</h2>
 * Each formula of {@code ComputeBackend}'s Javadoc is evaluated with the same operations in the same order
 * as the test kit's {@code ReferenceBackend}, one IEEE operation per lane per step and no fused
 * multiply-add, so FLOAT64 results equal the reference bit for bit. FLOAT32 formulas of two or more
 * operations ({@code axpby}, {@code addScaledSquare}, {@code addScaledRatio}, {@code addScaledSign},
 * {@code scaleShift}, {@code normalizeWith}, {@code copyColumns} with beta) are computed in double lanes
 * (floats widened exactly with {@code F2D}, one rounding to float at the end), as the reference does;
 * those of one operation ({@code multiply}, {@code addRowVector}, {@code sqrt}, {@code prelu}) run in float
 * lanes, which is the same thing: a float sum, product or square root computed in double and rounded once
 * equals the correctly rounded float operation (double has more than 2 x 24 + 2 bits). {@code clamp}
 * and {@code maximum} only compare, and clamping at bounds rounded to float equals rounding the clamped
 * double, because rounding is monotonic. Vector {@code max}/{@code min} follow {@code Math.max}/{@code min}
 * (NaN wins, {@code -0.0 < 0.0}), as the conformance tests check.
 *
 * <p>Column sums ({@code sumRows}) run over the rows in index order, per column, in double: the same
 * sums as the reference. {@code sumAbs} and {@code squaredDistance} keep one partial sum per lane (a
 * different order from the reference, within the conformance suite's bound for a sum of n terms, and the
 * same on every call). Softmax, cross-entropy, statistics, normalization and the per-element activation
 * calls are scalar loops in the reference's order.
 */
final class Kernels {
    static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    static final int DL = DS.length();
    static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    static final int FL = FS.length();
    /** Floats with as many lanes as {@link #DS}: half its bit size, for exact widening to double lanes. */
    static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, VectorShape.forBitSize(DS.vectorBitSize() / 2));

    private Kernels() {
    }

    /** {@code DL} floats from {@code a[i...]} widened to doubles (exact). */
    private static DoubleVector wide(float[] a, int i) {
        return (DoubleVector) FloatVector.fromArray(FH, a, i).convertShape(VectorOperators.F2D, DS, 0);
    }

    /** Rounds {@code v} to floats into {@code a[i...]}. */
    private static void narrow(DoubleVector v, float[] a, int i) {
        ((FloatVector) v.convertShape(VectorOperators.D2F, FH, 0)).intoArray(a, i);
    }

    // ----- y = a * x + b * y

    static void axpby(double a, double[] x, double b, double[] y) {
        DoubleVector va = DoubleVector.broadcast(DS, a);
        DoubleVector vb = DoubleVector.broadcast(DS, b);
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            va.mul(DoubleVector.fromArray(DS, x, i)).add(vb.mul(DoubleVector.fromArray(DS, y, i))).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = a * x[i] + b * y[i];
        }
    }

    static void axpby(double a, float[] x, double b, float[] y) {
        DoubleVector va = DoubleVector.broadcast(DS, a);
        DoubleVector vb = DoubleVector.broadcast(DS, b);
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            narrow(va.mul(wide(x, i)).add(vb.mul(wide(y, i))), y, i);
        }
        for (; i < y.length; i++) {
            y[i] = (float) (a * x[i] + b * y[i]);
        }
    }

    // ----- y = b * y + a * x * x

    static void addScaledSquare(double a, double[] x, double b, double[] y) {
        DoubleVector va = DoubleVector.broadcast(DS, a);
        DoubleVector vb = DoubleVector.broadcast(DS, b);
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            DoubleVector v = DoubleVector.fromArray(DS, x, i);
            vb.mul(DoubleVector.fromArray(DS, y, i)).add(va.mul(v).mul(v)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            double v = x[i];
            y[i] = b * y[i] + a * v * v;
        }
    }

    static void addScaledSquare(double a, float[] x, double b, float[] y) {
        DoubleVector va = DoubleVector.broadcast(DS, a);
        DoubleVector vb = DoubleVector.broadcast(DS, b);
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            DoubleVector v = wide(x, i);
            narrow(vb.mul(wide(y, i)).add(va.mul(v).mul(v)), y, i);
        }
        for (; i < y.length; i++) {
            double v = x[i];
            y[i] = (float) (b * y[i] + a * v * v);
        }
    }

    // ----- y = y + a * num / (sqrt(den) + eps)

    static void addScaledRatio(double a, double[] num, double[] den, double eps, double[] y) {
        DoubleVector va = DoubleVector.broadcast(DS, a);
        DoubleVector ve = DoubleVector.broadcast(DS, eps);
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            DoubleVector q = va.mul(DoubleVector.fromArray(DS, num, i)).div(DoubleVector.fromArray(DS, den, i).sqrt().add(ve));
            DoubleVector.fromArray(DS, y, i).add(q).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = y[i] + a * num[i] / (Math.sqrt(den[i]) + eps);
        }
    }

    static void addScaledRatio(double a, float[] num, float[] den, double eps, float[] y) {
        DoubleVector va = DoubleVector.broadcast(DS, a);
        DoubleVector ve = DoubleVector.broadcast(DS, eps);
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            DoubleVector q = va.mul(wide(num, i)).div(wide(den, i).sqrt().add(ve));
            narrow(wide(y, i).add(q), y, i);
        }
        for (; i < y.length; i++) {
            y[i] = (float) (y[i] + a * num[i] / (Math.sqrt(den[i]) + eps));
        }
    }

    // ----- y = x * y

    static void multiply(double[] x, double[] y) {
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            DoubleVector.fromArray(DS, x, i).mul(DoubleVector.fromArray(DS, y, i)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = x[i] * y[i];
        }
    }

    static void multiply(float[] x, float[] y) {
        int i = 0;
        for (int n = FS.loopBound(y.length); i < n; i += FL) {
            FloatVector.fromArray(FS, x, i).mul(FloatVector.fromArray(FS, y, i)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = x[i] * y[i];
        }
    }

    // ----- y = min(max(y, lo), hi), NaN stays NaN (Math.max and Math.min return NaN for a NaN)

    static void clamp(double lo, double hi, double[] y) {
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            DoubleVector.fromArray(DS, y, i).max(lo).min(hi).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = Math.min(Math.max(y[i], lo), hi);
        }
    }

    static void clamp(double lo, double hi, float[] y) {
        float l = (float) lo;
        float h = (float) hi;
        int i = 0;
        for (int n = FS.loopBound(y.length); i < n; i += FL) {
            FloatVector.fromArray(FS, y, i).max(l).min(h).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = Math.min(Math.max(y[i], l), h);
        }
    }

    // ----- y = y + a * sign(x), sign(0) = 0, sign(NaN) = NaN

    private static DoubleVector sign(DoubleVector v) {
        DoubleVector zero = DoubleVector.zero(DS);
        return zero.blend(1.0, v.compare(VectorOperators.GT, 0.0)).blend(-1.0, v.compare(VectorOperators.LT, 0.0))
                .blend(Double.NaN, v.test(VectorOperators.IS_NAN));
    }

    static void addScaledSign(double a, double[] x, double[] y) {
        DoubleVector va = DoubleVector.broadcast(DS, a);
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            DoubleVector.fromArray(DS, y, i).add(va.mul(sign(DoubleVector.fromArray(DS, x, i)))).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = y[i] + a * sign(x[i]);
        }
    }

    static void addScaledSign(double a, float[] x, float[] y) {
        DoubleVector va = DoubleVector.broadcast(DS, a);
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            narrow(wide(y, i).add(va.mul(sign(wide(x, i)))), y, i);
        }
        for (; i < y.length; i++) {
            y[i] = (float) (y[i] + a * sign(x[i]));
        }
    }

    /** +1, -1, 0 for either zero, NaN for NaN (not {@code Math.signum}, which keeps the zero's sign). */
    private static double sign(double v) {
        return v > 0 ? 1 : v < 0 ? -1 : v == 0 ? 0 : Double.NaN;
    }

    // ----- y = max(x, y), NaN if either is NaN

    static void maximum(double[] x, double[] y) {
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            DoubleVector.fromArray(DS, x, i).max(DoubleVector.fromArray(DS, y, i)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = Math.max(x[i], y[i]);
        }
    }

    static void maximum(float[] x, float[] y) {
        int i = 0;
        for (int n = FS.loopBound(y.length); i < n; i += FL) {
            FloatVector.fromArray(FS, x, i).max(FloatVector.fromArray(FS, y, i)).intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = Math.max(x[i], y[i]);
        }
    }

    // ----- y = sqrt(x): IEEE square roots are correctly rounded in both precisions

    static void sqrt(double[] x, double[] y) {
        int i = 0;
        for (int n = DS.loopBound(y.length); i < n; i += DL) {
            DoubleVector.fromArray(DS, x, i).sqrt().intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = Math.sqrt(x[i]);
        }
    }

    static void sqrt(float[] x, float[] y) {
        int i = 0;
        for (int n = FS.loopBound(y.length); i < n; i += FL) {
            FloatVector.fromArray(FS, x, i).sqrt().intoArray(y, i);
        }
        for (; i < y.length; i++) {
            y[i] = (float) Math.sqrt(x[i]);
        }
    }

    // ----- copyColumns with beta != 0: t = s + beta * t over one row's block

    static void addScaledInto(double[] s, int from, double beta, double[] t, int to, int count) {
        DoubleVector vb = DoubleVector.broadcast(DS, beta);
        int j = 0;
        for (int n = DS.loopBound(count); j < n; j += DL) {
            DoubleVector.fromArray(DS, s, from + j).add(vb.mul(DoubleVector.fromArray(DS, t, to + j))).intoArray(t, to + j);
        }
        for (; j < count; j++) {
            t[to + j] = s[from + j] + beta * t[to + j];
        }
    }

    static void addScaledInto(float[] s, int from, double beta, float[] t, int to, int count) {
        DoubleVector vb = DoubleVector.broadcast(DS, beta);
        int j = 0;
        for (int n = DS.loopBound(count); j < n; j += DL) {
            narrow(wide(s, from + j).add(vb.mul(wide(t, to + j))), t, to + j);
        }
        for (; j < count; j++) {
            t[to + j] = (float) (s[from + j] + beta * t[to + j]);
        }
    }

    // ----- the dropout mask

    // ----- activations: one call of the (generic) function per element

    // ----- rows and columns

    /** {@code m[i][j] += row[j]}. */
    static void addRowVector(double[] row, double[] m, int cols) {
        int bound = DS.loopBound(cols);
        for (int from = 0; from < m.length; from += cols) {
            int j = 0;
            for (; j < bound; j += DL) {
                DoubleVector.fromArray(DS, m, from + j).add(DoubleVector.fromArray(DS, row, j)).intoArray(m, from + j);
            }
            for (; j < cols; j++) {
                m[from + j] += row[j];
            }
        }
    }

    static void addRowVector(float[] row, float[] m, int cols) {
        int bound = FS.loopBound(cols);
        for (int from = 0; from < m.length; from += cols) {
            int j = 0;
            for (; j < bound; j += FL) {
                FloatVector.fromArray(FS, m, from + j).add(FloatVector.fromArray(FS, row, j)).intoArray(m, from + j);
            }
            for (; j < cols; j++) {
                m[from + j] += row[j];
            }
        }
    }

    /** {@code sums[j] = sum_i m[i][j]}, summing i upwards from 0 in double (the reference's order). */
    static void columnSums(double[] m, int cols, double[] sums) {
        Arrays.fill(sums, 0, cols, 0.0);
        int bound = DS.loopBound(cols);
        for (int from = 0; from < m.length; from += cols) {
            int j = 0;
            for (; j < bound; j += DL) {
                DoubleVector.fromArray(DS, sums, j).add(DoubleVector.fromArray(DS, m, from + j)).intoArray(sums, j);
            }
            for (; j < cols; j++) {
                sums[j] += m[from + j];
            }
        }
    }

    static void columnSums(float[] m, int cols, double[] sums) {
        Arrays.fill(sums, 0, cols, 0.0);
        int bound = DS.loopBound(cols);
        for (int from = 0; from < m.length; from += cols) {
            int j = 0;
            for (; j < bound; j += DL) {
                DoubleVector.fromArray(DS, sums, j).add(wide(m, from + j)).intoArray(sums, j);
            }
            for (; j < cols; j++) {
                sums[j] += m[from + j];
            }
        }
    }

    // ----- reductions to a scalar

    /**
     * The lanes of {@code acc} added in lane order (a fixed order: the same result on every call), through
     * {@code w} (at least {@link #DL} doubles; {@code lane(i)} with a variable i would box the vector).
     */
    private static double lanesInOrder(DoubleVector acc, double[] w) {
        acc.intoArray(w, 0);
        double sum = 0;
        for (int l = 0; l < DL; l++) {
            sum += w[l];
        }
        return sum;
    }

    /** {@code sum |x|}: one partial sum per lane; NaN propagates, an infinity gives infinity. */
    static double sumAbs(double[] x, double[] w) {
        DoubleVector acc = DoubleVector.zero(DS);
        int i = 0;
        for (int n = DS.loopBound(x.length); i < n; i += DL) {
            acc = acc.add(DoubleVector.fromArray(DS, x, i).abs());
        }
        double sum = lanesInOrder(acc, w);
        for (; i < x.length; i++) {
            sum += Math.abs(x[i]);
        }
        return sum;
    }

    static double sumAbs(float[] x, double[] w) {
        DoubleVector acc = DoubleVector.zero(DS);
        int i = 0;
        for (int n = DS.loopBound(x.length); i < n; i += DL) {
            acc = acc.add(wide(x, i).abs());
        }
        double sum = lanesInOrder(acc, w);
        for (; i < x.length; i++) {
            sum += Math.abs((double) x[i]);
        }
        return sum;
    }

    /** {@code sum (a - b)^2}: one partial sum per lane, in double for both precisions. */
    static double squaredDistance(double[] a, double[] b, double[] w) {
        DoubleVector acc = DoubleVector.zero(DS);
        int i = 0;
        for (int n = DS.loopBound(a.length); i < n; i += DL) {
            DoubleVector diff = DoubleVector.fromArray(DS, a, i).sub(DoubleVector.fromArray(DS, b, i));
            acc = acc.add(diff.mul(diff));
        }
        double sum = lanesInOrder(acc, w);
        for (; i < a.length; i++) {
            double diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    static double squaredDistance(float[] a, float[] b, double[] w) {
        DoubleVector acc = DoubleVector.zero(DS);
        int i = 0;
        for (int n = DS.loopBound(a.length); i < n; i += DL) {
            DoubleVector diff = wide(a, i).sub(wide(b, i));
            acc = acc.add(diff.mul(diff));
        }
        double sum = lanesInOrder(acc, w);
        for (; i < a.length; i++) {
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
    static TensorStats stats(double[] x, double[] w) {
        DoubleVector sq = DoubleVector.zero(DS);
        DoubleVector max = DoubleVector.zero(DS);
        long nonFinite = 0;
        int i = 0;
        for (int n = DS.loopBound(x.length); i < n; i += DL) {
            DoubleVector v = DoubleVector.fromArray(DS, x, i);
            VectorMask<Double> finite = v.test(VectorOperators.IS_FINITE);
            // no branch: a vector assigned in an if and used after it is boxed by C2 (JDK 17)
            DoubleVector f = v.blend(0.0, finite.not());
            sq = sq.add(f.mul(f));
            max = max.max(f.abs());
            nonFinite += DL - finite.trueCount();
        }
        double sumSq = lanesInOrder(sq, w);
        max.intoArray(w, 0);
        double maxAbs = 0;
        for (int l = 0; l < DL; l++) {
            maxAbs = Math.max(maxAbs, w[l]);
        }
        for (; i < x.length; i++) {
            double v = x[i];
            if (Double.isFinite(v)) {
                sumSq += v * v;
                maxAbs = Math.max(maxAbs, Math.abs(v));
            } else {
                nonFinite++;
            }
        }
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

    /** As {@link #stats(double[], double[])}, in double lanes; squares of floats cannot overflow a double sum. */
    static TensorStats stats(float[] x, double[] w) {
        DoubleVector sq = DoubleVector.zero(DS);
        DoubleVector max = DoubleVector.zero(DS);
        long nonFinite = 0;
        int i = 0;
        for (int n = DS.loopBound(x.length); i < n; i += DL) {
            DoubleVector v = wide(x, i);
            VectorMask<Double> finite = v.test(VectorOperators.IS_FINITE);
            DoubleVector f = v.blend(0.0, finite.not());
            sq = sq.add(f.mul(f));
            max = max.max(f.abs());
            nonFinite += DL - finite.trueCount();
        }
        double sumSq = lanesInOrder(sq, w);
        max.intoArray(w, 0);
        double maxAbs = 0;
        for (int l = 0; l < DL; l++) {
            maxAbs = Math.max(maxAbs, w[l]);
        }
        for (; i < x.length; i++) {
            double v = x[i];
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

    /** {@code xhat = (x - mean) / sd} per column, with {@code sd[j] = sqrt(var[j] + eps)} taken once into {@code w}. */
    static void normalizeWith(double[] x, int cols, double[] mean, double[] var, double eps, double[] xhat, double[] w) {
        for (int j = 0; j < cols; j++) {
            w[j] = Math.sqrt(var[j] + eps);
        }
        int bound = DS.loopBound(cols);
        for (int from = 0; from < x.length; from += cols) {
            int j = 0;
            for (; j < bound; j += DL) {
                DoubleVector.fromArray(DS, x, from + j).sub(DoubleVector.fromArray(DS, mean, j))
                        .div(DoubleVector.fromArray(DS, w, j)).intoArray(xhat, from + j);
            }
            for (; j < cols; j++) {
                xhat[from + j] = (x[from + j] - mean[j]) / w[j];
            }
        }
    }

    static void normalizeWith(float[] x, int cols, float[] mean, float[] var, double eps, float[] xhat, double[] w) {
        for (int j = 0; j < cols; j++) {
            w[j] = Math.sqrt(var[j] + eps);
        }
        int bound = DS.loopBound(cols);
        for (int from = 0; from < x.length; from += cols) {
            int j = 0;
            for (; j < bound; j += DL) {
                narrow(wide(x, from + j).sub(wide(mean, j)).div(DoubleVector.fromArray(DS, w, j)), xhat, from + j);
            }
            for (; j < cols; j++) {
                xhat[from + j] = (float) ((x[from + j] - (double) mean[j]) / w[j]);
            }
        }
    }

    /** {@code y = xhat * gamma + beta} per column. */
    static void scaleShift(double[] xhat, int cols, double[] gamma, double[] beta, double[] y) {
        int bound = DS.loopBound(cols);
        for (int from = 0; from < xhat.length; from += cols) {
            int j = 0;
            for (; j < bound; j += DL) {
                DoubleVector.fromArray(DS, xhat, from + j).mul(DoubleVector.fromArray(DS, gamma, j))
                        .add(DoubleVector.fromArray(DS, beta, j)).intoArray(y, from + j);
            }
            for (; j < cols; j++) {
                y[from + j] = xhat[from + j] * gamma[j] + beta[j];
            }
        }
    }

    static void scaleShift(float[] xhat, int cols, float[] gamma, float[] beta, float[] y) {
        int bound = DS.loopBound(cols);
        for (int from = 0; from < xhat.length; from += cols) {
            int j = 0;
            for (; j < bound; j += DL) {
                narrow(wide(xhat, from + j).mul(wide(gamma, j)).add(wide(beta, j)), y, from + j);
            }
            for (; j < cols; j++) {
                y[from + j] = (float) ((double) xhat[from + j] * gamma[j] + beta[j]);
            }
        }
    }

    static void scaleShiftBackward(double[] g, double[] xhat, int cols, double[] gamma, double[] gradGamma,
            double[] gradBeta, double[] gradXhat, double[] w) {
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
                gradXhat[from + j] = g[from + j] * gamma[j];
            }
        }
    }

    static void scaleShiftBackward(float[] g, float[] xhat, int cols, float[] gamma, float[] gradGamma, float[] gradBeta,
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

    /** {@code y = x > 0 ? x : slope * x} per column (NaN and both zeros take the product). */
    static void prelu(double[] x, int cols, double[] slope, double[] y) {
        int bound = DS.loopBound(cols);
        for (int from = 0; from < x.length; from += cols) {
            int j = 0;
            for (; j < bound; j += DL) {
                DoubleVector v = DoubleVector.fromArray(DS, x, from + j);
                DoubleVector.fromArray(DS, slope, j).mul(v).blend(v, v.compare(VectorOperators.GT, 0.0))
                        .intoArray(y, from + j);
            }
            for (; j < cols; j++) {
                double v = x[from + j];
                y[from + j] = v > 0 ? v : slope[j] * v;
            }
        }
    }

    static void prelu(float[] x, int cols, float[] slope, float[] y) {
        int bound = FS.loopBound(cols);
        for (int from = 0; from < x.length; from += cols) {
            int j = 0;
            for (; j < bound; j += FL) {
                FloatVector v = FloatVector.fromArray(FS, x, from + j);
                FloatVector.fromArray(FS, slope, j).mul(v).blend(v, v.compare(VectorOperators.GT, 0f))
                        .intoArray(y, from + j);
            }
            for (; j < cols; j++) {
                float v = x[from + j];
                y[from + j] = v > 0 ? v : slope[j] * v;
            }
        }
    }

    static void preluBackward(double[] g, double[] x, int cols, double[] slope, double[] gradSlope, double[] gradX,
            double[] w) {
        Arrays.fill(w, 0, cols, 0.0);
        for (int from = 0; from < g.length; from += cols) {
            for (int j = 0; j < cols; j++) {
                w[j] += g[from + j] * Math.min(x[from + j], 0);
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

    static void preluBackward(float[] g, float[] x, int cols, float[] slope, float[] gradSlope, float[] gradX,
            double[] w) {
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
