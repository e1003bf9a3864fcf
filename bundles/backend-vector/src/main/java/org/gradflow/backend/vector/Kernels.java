package org.gradflow.backend.vector;

import java.util.Arrays;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.TensorStats;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise and reduction loops of the vector backend over row-major arrays, one version per
 * precision. Shapes are checked by the caller.
 *
 * <h2>FLOAT64: bit for bit the reference</h2>
 * Each formula of {@code ComputeBackend}'s Javadoc is evaluated with the same operations in the same order
 * as the test kit's {@code ReferenceBackend}, one IEEE operation per lane per step and no fused
 * multiply-add, so FLOAT64 results equal the reference bit for bit.
 *
 * <h2>FLOAT32: float lanes, within the conformance bounds</h2>
 * FLOAT32 loops compute in float lanes of the preferred species, never widening to double lanes: on
 * JDK 17 with AVX2 the shape-changing conversions ({@code F2D}, {@code D2F}) are not compiled to vector
 * instructions, and a loop that uses them runs in the Vector API's Java fallback, tens of times slower.
 * Formulas of one operation ({@code multiply}, {@code addRowVector}, {@code sqrt}, {@code prelu},
 * {@code clamp}, {@code maximum}) give the reference's bits: a float sum, product or square root computed
 * in double and rounded once equals the correctly rounded float operation (double has more than 2 x 24 + 2
 * bits); clamping at bounds rounded to float equals rounding the clamped double, because rounding is
 * monotonic. Formulas of several operations ({@code axpby}, {@code addScaledSquare}, {@code addScaledRatio},
 * {@code addScaledSign}, {@code scaleShift}, {@code normalizeWith}, {@code copyColumns} with beta) round
 * their double coefficients to float and round after each float operation, with fused multiply-adds where
 * they save a rounding, which the conformance suite's bounds allow (each method says its order). A
 * coefficient outside float's normal range (or NaN) sends the call to a scalar double loop, the reference's
 * formula. Vector {@code max}/{@code min} follow {@code Math.max}/{@code min} (NaN wins, {@code -0.0 < 0.0}),
 * as the conformance tests check.
 *
 * <h2>Reductions</h2>
 * Column sums ({@code sumRows}) run over the rows in index order, per column: in double for FLOAT64 (the
 * reference's sums), in float over blocks of at most {@link #BLOCK} rows added to double totals for
 * FLOAT32. {@code sumAbs}, {@code squaredDistance} and {@code stats} keep one partial sum per lane (a
 * different order from the reference, within the conformance suite's bound for a sum of n terms), for FLOAT32
 * in float lanes over blocks of {@link #BLOCK} elements, each block's lanes added in lane order in double.
 * Every order is fixed, so the same inputs give the same bits on every call. Softmax, cross-entropy,
 * normalization statistics and activations of functions without a standard form are scalar loops in the
 * reference's order ({@code ScalarKernels}).
 *
 * <h2>Activations</h2>
 * Functions that declare a standard {@code ActivationFunction.Form} (relu, identity, sigmoid, tanh) have
 * vector kernels here, built from basic IEEE operations only (no {@code VectorOperators.EXP}/{@code TANH},
 * whose compiled SVML versions differ in the last bits from their interpreted fallback, so results would
 * change once the JIT compiled a loop). FLOAT64 sigmoid and tanh values stay with the function itself
 * ({@code Math.exp}, {@code Math.tanh}), so FLOAT64 remains the reference's bits.
 */
final class Kernels {
    static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    static final int DL = DS.length();
    static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    static final int FL = FS.length();
    /**
     * Elements per block of a FLOAT32 reduction: float lanes accumulate at most this many elements
     * ({@code BLOCK / FL} per lane) before their sum is added to a double total.
     */
    static final int BLOCK = 1024;

    private Kernels() {
    }

    /**
     * Whether {@code c} is a coefficient the float-lane formulas may round to float: 0, or a finite
     * magnitude in the normal float range (relative rounding error at most u). Others (tiny, huge, NaN,
     * infinite) take the scalar double loop, which is the reference's formula.
     */
    private static boolean floatCoefficient(double c) {
        double m = Math.abs(c);
        return c == 0 || (m >= Float.MIN_NORMAL && m <= Float.MAX_VALUE);
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

    /** {@code y = b * y + (a * x)}: one product, one fused multiply-add, a and b rounded to float. */
    static void axpby(double a, float[] x, double b, float[] y) {
        int i = 0;
        if (floatCoefficient(a) && floatCoefficient(b)) {
            float fa = (float) a;
            float fb = (float) b;
            for (int n = FS.loopBound(y.length); i < n; i += FL) {
                FloatVector vy = FloatVector.fromArray(FS, y, i);
                vy.fma(FloatVector.broadcast(FS, fb), FloatVector.fromArray(FS, x, i).mul(fa)).intoArray(y, i);
            }
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

    /** {@code y = (a * x) * x + b * y}, the last step fused; a and b rounded to float. */
    static void addScaledSquare(double a, float[] x, double b, float[] y) {
        int i = 0;
        if (floatCoefficient(a) && floatCoefficient(b)) {
            float fa = (float) a;
            float fb = (float) b;
            for (int n = FS.loopBound(y.length); i < n; i += FL) {
                FloatVector v = FloatVector.fromArray(FS, x, i);
                v.mul(fa).fma(v, FloatVector.fromArray(FS, y, i).mul(fb)).intoArray(y, i);
            }
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

    /**
     * {@code y = y + (a * num) / (sqrt(den) + eps)} in float, in the reference's order (so {@code a * num}
     * cannot overflow where the reference does not, for {@code |a| <= 1}); a and eps rounded to float.
     */
    static void addScaledRatio(double a, float[] num, float[] den, double eps, float[] y) {
        int i = 0;
        if (floatCoefficient(a) && floatCoefficient(eps)) {
            float fa = (float) a;
            float fe = (float) eps;
            for (int n = FS.loopBound(y.length); i < n; i += FL) {
                FloatVector q = FloatVector.fromArray(FS, num, i).mul(fa).div(FloatVector.fromArray(FS, den, i).sqrt().add(fe));
                FloatVector.fromArray(FS, y, i).add(q).intoArray(y, i);
            }
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
                .blend(Double.NaN, v.compare(VectorOperators.NE, v)); // NaN: the one value unequal to itself
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

    private static FloatVector sign(FloatVector v) {
        FloatVector zero = FloatVector.zero(FS);
        return zero.blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.compare(VectorOperators.LT, 0f))
                .blend(Float.NaN, v.compare(VectorOperators.NE, v));
    }

    /** {@code y = y + a * sign(x)} with a rounded to float ({@code a * sign} is then exact). */
    static void addScaledSign(double a, float[] x, float[] y) {
        int i = 0;
        if (floatCoefficient(a)) {
            float fa = (float) a;
            for (int n = FS.loopBound(y.length); i < n; i += FL) {
                FloatVector.fromArray(FS, y, i).add(sign(FloatVector.fromArray(FS, x, i)).mul(fa)).intoArray(y, i);
            }
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

    /** {@code t = beta * t + s}, fused, beta rounded to float. */
    static void addScaledInto(float[] s, int from, double beta, float[] t, int to, int count) {
        int j = 0;
        if (floatCoefficient(beta)) {
            float fb = (float) beta;
            for (int n = FS.loopBound(count); j < n; j += FL) {
                FloatVector.fromArray(FS, t, to + j).fma(FloatVector.broadcast(FS, fb), FloatVector.fromArray(FS, s, from + j))
                        .intoArray(t, to + j);
            }
        }
        for (; j < count; j++) {
            t[to + j] = (float) (s[from + j] + beta * t[to + j]);
        }
    }

    // ----- the dropout mask

    // ----- activations of a standard form (ActivationFunction.Form); other functions: ScalarKernels
    //
    // Tails (the last length % lanes elements) call the function itself, so they are the reference's values.

    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 in two parts (Cody and Waite): n * LN2_HI is exact for |n| < 2^15. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, kept in the low bits. */
    private static final float ROUND = 0x1.8p23f;
    /** Below this, e^t is under half the smallest normal float: taken as 0 (within the floor of every bound). */
    private static final float EXP_MIN = -88.3f;
    /** Above this, tanh rounds to +-1 in float (tanh(10) = 1 - 4e-9). */
    private static final float TANH_ARG_MAX = 20f;

    /**
     * {@code e^r - 1} for the reduced argument {@code r = t - n ln2}, {@code |r| <= ln2 / 2}: the Taylor
     * polynomial to degree 8 (remainder below 2^-31 relative), Horner with fused multiply-adds, written as
     * {@code r + r^2 P(r)} so that it keeps its relative precision for small r.
     */
    private static FloatVector expm1Reduced(FloatVector t, FloatVector n) {
        FloatVector r = n.fma(FloatVector.broadcast(FS, -LN2_HI), t);
        r = n.fma(FloatVector.broadcast(FS, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(FS, 1f / 40320).fma(r, FloatVector.broadcast(FS, 1f / 5040));
        p = p.fma(r, FloatVector.broadcast(FS, 1f / 720));
        p = p.fma(r, FloatVector.broadcast(FS, 1f / 120));
        p = p.fma(r, FloatVector.broadcast(FS, 1f / 24));
        p = p.fma(r, FloatVector.broadcast(FS, 1f / 6));
        p = p.fma(r, FloatVector.broadcast(FS, 0.5f));
        return p.fma(r.mul(r), r);
    }

    /** {@code 2^n} from {@code k = ROUND + n} (|n| <= 126): n shifted into the exponent field. */
    private static FloatVector twoTo(FloatVector k) {
        return k.viewAsIntegralLanes().lanewise(VectorOperators.LSHL, 23).add(0x3F800000).viewAsFloatingLanes();
    }

    /**
     * {@code a = f(z)} for a function whose {@link ActivationFunction#form()} this backend computes in float
     * lanes; false (nothing written) for any other. Only basic IEEE operations (add, multiply, divide, fused
     * multiply-add, compare, blend, bit moves), no library math: the results are the same bits whether the JIT
     * has compiled the loop or not, and on every machine.
     * <ul>
     * <li>sigmoid: {@code e = e^-|z|} (range reduction to {@code |r| <= ln2/2}, {@link #expm1Reduced}, the
     * power of two put in the exponent bits), then {@code 1 / (1 + e)} for {@code z >= 0} and
     * {@code e / (1 + e)} below: no exponential overflows, small outputs keep their relative precision, as
     * the reference's formula.</li>
     * <li>tanh: {@code m = e^(2|z|) - 1} (from the same reduction, so no cancellation near 0), then
     * {@code m / (m + 2)} with the sign of z copied (NaN stays NaN, -0.0 stays -0.0); {@code 2|z|} is capped
     * at 20, where the float result is 1.</li>
     * <li>relu: {@code max(z, 0)}, which follows {@code Math.max} (NaN stays NaN, -0.0 gives 0.0). identity:
     * a copy.</li>
     * </ul>
     * Measured against the reference (the double function rounded to float) on 4 * 10^7 arguments (random
     * bit patterns and Gaussians of scale 1e-8 to 1e2), sigmoid is within {@code 2u |f(z)| + floor} and
     * tanh within {@code 2.5u |f(z)| + floor} (u = 2^-24), inside the conformance bound of
     * {@code 4u |f(z)| + floor}; the derivatives within {@code 2u |result| + floor}.
     */
    static boolean activate(ActivationFunction f, float[] z, float[] a) {
        int n = FS.loopBound(a.length);
        int i = 0;
        switch (f.form()) {
        case IDENTITY:
            System.arraycopy(z, 0, a, 0, a.length);
            return true;
        case RELU:
            for (; i < n; i += FL) {
                FloatVector.fromArray(FS, z, i).max(0f).intoArray(a, i);
            }
            break;
        case SIGMOID:
            i = sigmoidLanes(z, a, n);
            break;
        case TANH:
            i = tanhLanes(z, a, n);
            break;
        default:
            return false;
        }
        for (; i < a.length; i++) {
            a[i] = (float) f.value(z[i]);
        }
        return true;
    }

    // The sigmoid and tanh loops are methods of their own: compiled inside activate() the vector
    // formulas exceed C2's inlining budget, and a call that is not inlined boxes its vectors (measured:
    // tens of MB of garbage per LSTM step). Each loop alone inlines completely.

    /** {@code a[i] = sigmoid(z[i])} for {@code i < n} (a multiple of the lane count); returns n. */
    private static int sigmoidLanes(float[] z, float[] a, int n) {
        for (int i = 0; i < n; i += FL) {
            sigmoid(FloatVector.fromArray(FS, z, i)).intoArray(a, i);
        }
        return n;
    }

    /** {@code a[i] = tanh(z[i])} for {@code i < n} (a multiple of the lane count); returns n. */
    private static int tanhLanes(float[] z, float[] a, int n) {
        for (int i = 0; i < n; i += FL) {
            tanh(FloatVector.fromArray(FS, z, i)).intoArray(a, i);
        }
        return n;
    }

    private static FloatVector sigmoid(FloatVector z) {
        FloatVector abs = z.abs();
        FloatVector t = abs.neg().max(EXP_MIN); // NaN stays NaN
        FloatVector k = t.fma(FloatVector.broadcast(FS, LOG2E), FloatVector.broadcast(FS, ROUND));
        // 2^(n+1) (1 + q) / 2: n may be -127, the half is exact but below the smallest normal
        FloatVector s = twoTo(k.add(1f));
        FloatVector e = expm1Reduced(t, k.sub(ROUND)).fma(s, s).mul(0.5f);
        e = e.blend(0f, abs.compare(VectorOperators.GT, -EXP_MIN));
        FloatVector num = FloatVector.broadcast(FS, 1f).blend(e, z.compare(VectorOperators.LT, 0f));
        return quotient(num, e, 1f);
    }

    private static FloatVector tanh(FloatVector z) {
        FloatVector t = z.abs().mul(2f).min(TANH_ARG_MAX); // NaN stays NaN
        FloatVector k = t.fma(FloatVector.broadcast(FS, LOG2E), FloatVector.broadcast(FS, ROUND));
        FloatVector s = twoTo(k);
        FloatVector m = expm1Reduced(t, k.sub(ROUND)).fma(s, s.sub(1f)); // e^t - 1 >= 0
        FloatVector th = quotient(m, m, 2f);
        return th.viewAsIntegralLanes().or(z.viewAsIntegralLanes().and(0x80000000)).viewAsFloatingLanes();
    }

    /**
     * {@code num / (b + c)} for {@code b >= 0} with the rounding of the sum and of the quotient corrected
     * (one step of Newton's iteration with the exact residual): the error of {@code b + c} (two-sum, exact),
     * {@code num - y0 (b + c)} by fused multiply-adds, then {@code y0 + residual / (b + c)}. Near 1 ulp
     * of the exact quotient, where the plain division is up to 2. Infinite or NaN inputs give what the
     * plain quotient gives (the correction is then NaN and discarded).
     */
    private static FloatVector quotient(FloatVector num, FloatVector b, float c) {
        FloatVector d = b.add(c);
        FloatVector bb = d.sub(b);
        FloatVector err = b.sub(d.sub(bb)).add(bb.neg().add(c)); // (b + c) - d, exactly
        FloatVector y0 = num.div(d);
        FloatVector res = y0.neg().fma(d, num);
        res = y0.neg().fma(err, res);
        FloatVector y = res.div(d).add(y0);
        return y0.blend(y, y.compare(VectorOperators.EQ, y)); // where the correction is NaN, y0
    }

    /**
     * {@code a = f(z)} for a standard form in double lanes where that gives the reference's bits: relu and
     * identity (no arithmetic). Sigmoid and tanh are left to the function (false): a double kernel would not
     * be bit for bit {@code Math.exp} and {@code Math.tanh}.
     */
    static boolean activate(ActivationFunction f, double[] z, double[] a) {
        switch (f.form()) {
        case IDENTITY:
            System.arraycopy(z, 0, a, 0, a.length);
            return true;
        case RELU:
            int i = 0;
            for (int n = DS.loopBound(a.length); i < n; i += DL) {
                DoubleVector.fromArray(DS, z, i).max(0.0).intoArray(a, i);
            }
            for (; i < a.length; i++) {
                a[i] = f.value(z[i]);
            }
            return true;
        default:
            return false;
        }
    }

    /**
     * {@code gradZ = gradA * f'} for a standard form, in float lanes; false for any other. {@code f'} as the
     * form defines it: relu {@code z > 0 ? 1 : 0} (NaN for NaN), identity 1 (NaN for NaN), sigmoid
     * {@code a - a * a} and tanh {@code 1 - a * a}, each one fused multiply-add (one rounding, so
     * {@code 1 - a^2} keeps its precision near |a| = 1), then the product: two roundings.
     */
    static boolean activateBackward(ActivationFunction f, float[] z, float[] a, float[] gradA, float[] gradZ) {
        int n = FS.loopBound(gradZ.length);
        int i = 0;
        FloatVector one = FloatVector.broadcast(FS, 1f);
        FloatVector zero = FloatVector.zero(FS);
        switch (f.form()) {
        case IDENTITY:
            for (; i < n; i += FL) {
                FloatVector v = FloatVector.fromArray(FS, z, i);
                FloatVector d = one.blend(Float.NaN, v.compare(VectorOperators.NE, v));
                FloatVector.fromArray(FS, gradA, i).mul(d).intoArray(gradZ, i);
            }
            break;
        case RELU:
            for (; i < n; i += FL) {
                FloatVector v = FloatVector.fromArray(FS, z, i);
                FloatVector d = zero.blend(one, v.compare(VectorOperators.GT, 0f)).blend(Float.NaN, v.compare(VectorOperators.NE, v));
                FloatVector.fromArray(FS, gradA, i).mul(d).intoArray(gradZ, i);
            }
            break;
        case SIGMOID:
            for (; i < n; i += FL) {
                FloatVector y = FloatVector.fromArray(FS, a, i);
                FloatVector.fromArray(FS, gradA, i).mul(y.neg().fma(y, y)).intoArray(gradZ, i);
            }
            break;
        case TANH:
            for (; i < n; i += FL) {
                FloatVector y = FloatVector.fromArray(FS, a, i);
                FloatVector.fromArray(FS, gradA, i).mul(y.neg().fma(y, one)).intoArray(gradZ, i);
            }
            break;
        default:
            return false;
        }
        for (; i < gradZ.length; i++) {
            gradZ[i] = (float) (gradA[i] * f.derivative(z[i], a[i]));
        }
        return true;
    }

    /**
     * {@code gradZ = gradA * f'} for a standard form in double lanes, with the reference's operations in its
     * order and no fused multiply-add: the reference's bits. False for any other form.
     */
    static boolean activateBackward(ActivationFunction f, double[] z, double[] a, double[] gradA, double[] gradZ) {
        int n = DS.loopBound(gradZ.length);
        int i = 0;
        DoubleVector one = DoubleVector.broadcast(DS, 1.0);
        DoubleVector zero = DoubleVector.zero(DS);
        switch (f.form()) {
        case IDENTITY:
            for (; i < n; i += DL) {
                DoubleVector v = DoubleVector.fromArray(DS, z, i);
                DoubleVector d = one.blend(Double.NaN, v.compare(VectorOperators.NE, v));
                DoubleVector.fromArray(DS, gradA, i).mul(d).intoArray(gradZ, i);
            }
            break;
        case RELU:
            for (; i < n; i += DL) {
                DoubleVector v = DoubleVector.fromArray(DS, z, i);
                DoubleVector d = zero.blend(one, v.compare(VectorOperators.GT, 0.0)).blend(Double.NaN, v.compare(VectorOperators.NE, v));
                DoubleVector.fromArray(DS, gradA, i).mul(d).intoArray(gradZ, i);
            }
            break;
        case SIGMOID:
            for (; i < n; i += DL) {
                DoubleVector y = DoubleVector.fromArray(DS, a, i);
                DoubleVector.fromArray(DS, gradA, i).mul(y.mul(one.sub(y))).intoArray(gradZ, i);
            }
            break;
        case TANH:
            for (; i < n; i += DL) {
                DoubleVector y = DoubleVector.fromArray(DS, a, i);
                DoubleVector.fromArray(DS, gradA, i).mul(one.sub(y.mul(y))).intoArray(gradZ, i);
            }
            break;
        default:
            return false;
        }
        for (; i < gradZ.length; i++) {
            gradZ[i] = gradA[i] * f.derivative(z[i], a[i]);
        }
        return true;
    }

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

    /**
     * Column sums of FLOAT32 rows: float partial sums over blocks of at most {@link #BLOCK} rows (in
     * {@code part}, at least {@code cols} floats), each block's added to the double {@code sums}. Rows in
     * index order, so the same result on every call.
     */
    static void columnSums(float[] m, int cols, double[] sums, float[] part) {
        Arrays.fill(sums, 0, cols, 0.0);
        if (cols == 0) {
            return;
        }
        int bound = FS.loopBound(cols);
        int rows = m.length / cols;
        for (int first = 0; first < rows; first += BLOCK) {
            int last = Math.min(rows, first + BLOCK);
            Arrays.fill(part, 0, cols, 0f);
            for (int from = first * cols; from < last * cols; from += cols) {
                int j = 0;
                for (; j < bound; j += FL) {
                    FloatVector.fromArray(FS, part, j).add(FloatVector.fromArray(FS, m, from + j)).intoArray(part, j);
                }
                for (; j < cols; j++) {
                    part[j] += m[from + j];
                }
            }
            for (int j = 0; j < cols; j++) {
                sums[j] += part[j];
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

    /** The lanes of {@code acc} added in lane order, in double, through {@code w} (at least {@link #FL} floats). */
    private static double lanesInOrder(FloatVector acc, float[] w) {
        acc.intoArray(w, 0);
        double sum = 0;
        for (int l = 0; l < FL; l++) {
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

    /** As the double version, with float lane sums over blocks of {@link #BLOCK} elements added in double. */
    static double sumAbs(float[] x, float[] w) {
        double sum = 0;
        int i = 0;
        for (int n = FS.loopBound(x.length); i < n; ) {
            FloatVector acc = FloatVector.zero(FS);
            for (int end = Math.min(n, i + BLOCK); i < end; i += FL) {
                acc = acc.add(FloatVector.fromArray(FS, x, i).abs());
            }
            sum += lanesInOrder(acc, w);
        }
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

    /**
     * As the double version, with float lane sums ({@code diff * diff + acc} fused) over blocks of
     * {@link #BLOCK} elements added in double. A block whose float sum overflows while its differences are
     * finite (differences above about 1e17) is summed again in double.
     */
    static double squaredDistance(float[] a, float[] b, float[] w) {
        double sum = 0;
        int i = 0;
        for (int n = FS.loopBound(a.length); i < n; ) {
            int start = i;
            FloatVector acc = FloatVector.zero(FS);
            for (int end = Math.min(n, i + BLOCK); i < end; i += FL) {
                FloatVector diff = FloatVector.fromArray(FS, a, i).sub(FloatVector.fromArray(FS, b, i));
                acc = diff.fma(diff, acc);
            }
            double block = lanesInOrder(acc, w);
            if (block == Double.POSITIVE_INFINITY) {
                block = 0;
                for (int k = start; k < i; k++) {
                    double diff = (double) a[k] - b[k];
                    block += diff * diff;
                }
            }
            sum += block;
        }
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

    /** Squares of float blocks whose largest magnitude lies outside this range are summed scaled. */
    private static final float SQUARES_MIN = 0x1p-40f;
    private static final float SQUARES_MAX = 0x1p56f;

    /**
     * As {@link #stats(double[], double[])}, in float lanes over blocks of {@link #BLOCK} elements, each
     * block's lanes added in double.
     *
     * <p>The common block (every element finite, the largest magnitude in {@code [2^-40, 2^56]} or 0) takes
     * one pass of plain arithmetic: two float sums of squares ({@code v * v + acc} fused) and two running
     * maxima of {@code |v|} by compare and blend (a float max with {@code Math.max}'s NaN and zero rules is a
     * longer dependent sequence on AVX2); a NaN or infinity makes the block's sum non-finite. Any other block
     * is done again by {@link #statsBlock}: non-finite elements left out and counted, and, where the squares
     * could overflow float (largest magnitude above 2^56) or lose the block's small elements to underflow
     * (below 2^-40: squares below 2^-80, where those under 2^-126 are subnormal), summed scaled by the power
     * of two that brings the largest magnitude to [1, 2) (exact), the sum scaled back in double. With the
     * largest magnitude in range, an element whose square underflows is below 2^-46 of the largest square: it
     * is lost within the bound of a sum. {@code w} holds at least {@link #FL} floats.
     */
    static TensorStats stats(float[] x, float[] w) {
        FloatVector zero = FloatVector.zero(FS);
        double sumSq = 0;
        float maxAbs = 0;
        long nonFinite = 0;
        int i = 0;
        int n = FS.loopBound(x.length);
        while (i < n) {
            int start = i;
            int end = Math.min(n, i + BLOCK);
            int pairs = start + ((end - start) & -(2 * FL));
            FloatVector sq0 = zero;
            FloatVector sq1 = zero;
            FloatVector max0 = zero;
            FloatVector max1 = zero;
            for (; i < pairs; i += 2 * FL) {
                FloatVector v0 = FloatVector.fromArray(FS, x, i).abs();
                FloatVector v1 = FloatVector.fromArray(FS, x, i + FL).abs();
                sq0 = v0.fma(v0, sq0);
                sq1 = v1.fma(v1, sq1);
                max0 = max0.blend(v0, v0.compare(VectorOperators.GT, max0));
                max1 = max1.blend(v1, v1.compare(VectorOperators.GT, max1));
            }
            for (; i < end; i += FL) {
                FloatVector v = FloatVector.fromArray(FS, x, i).abs();
                sq0 = v.fma(v, sq0);
                max0 = max0.blend(v, v.compare(VectorOperators.GT, max0));
            }
            double blockSq = lanesInOrder(sq0, w) + lanesInOrder(sq1, w);
            max0.max(max1).intoArray(w, 0);
            float blockMax = 0;
            for (int l = 0; l < FL; l++) {
                blockMax = Math.max(blockMax, w[l]);
            }
            if (blockSq < Double.POSITIVE_INFINITY && (blockMax == 0 || (blockMax >= SQUARES_MIN && blockMax <= SQUARES_MAX))) {
                sumSq += blockSq;
                maxAbs = Math.max(maxAbs, blockMax);
            } else {
                double[] block = statsBlock(x, start, end, w);
                sumSq += block[0];
                maxAbs = Math.max(maxAbs, (float) block[1]);
                nonFinite += (long) block[2];
            }
        }
        double max = maxAbs;
        for (; i < x.length; i++) {
            double v = x[i];
            if (Double.isFinite(v)) {
                sumSq += v * v;
                max = Math.max(max, Math.abs(v));
            } else {
                nonFinite++;
            }
        }
        return new TensorStats(x.length, Math.sqrt(sumSq), max, nonFinite);
    }

    /**
     * One block of {@link #stats(float[], float[])} that is not the common case: {sum of squares of the
     * finite elements (in double, scaled if needed), their largest magnitude, the count of the others}.
     */
    private static double[] statsBlock(float[] x, int start, int end, float[] w) {
        FloatVector inf = FloatVector.broadcast(FS, Float.POSITIVE_INFINITY);
        FloatVector zero = FloatVector.zero(FS);
        FloatVector one = FloatVector.broadcast(FS, 1f);
        FloatVector max = zero;
        FloatVector count = zero;
        for (int i = start; i < end; i += FL) {
            FloatVector a = FloatVector.fromArray(FS, x, i).abs();
            VectorMask<Float> fin = a.compare(VectorOperators.LT, inf); // false for NaN and infinities
            max = max.max(zero.blend(a, fin));
            count = count.add(zero.blend(one, fin));
        }
        max.intoArray(w, 0);
        float blockMax = 0;
        for (int l = 0; l < FL; l++) {
            blockMax = Math.max(blockMax, w[l]);
        }
        int e = blockMax >= SQUARES_MIN && blockMax <= SQUARES_MAX ? 0 : Math.getExponent(blockMax);
        FloatVector scale = FloatVector.broadcast(FS, Math.scalb(1f, -e));
        FloatVector sq = zero;
        for (int i = start; i < end; i += FL) {
            FloatVector a = FloatVector.fromArray(FS, x, i).abs();
            FloatVector f = zero.blend(a, a.compare(VectorOperators.LT, inf)).mul(scale);
            sq = f.fma(f, sq);
        }
        double sumSq = blockMax == 0 ? 0 : Math.scalb(lanesInOrder(sq, w), 2 * e);
        return new double[] {sumSq, blockMax, (end - start) - lanesInOrder(count, w)};
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

    /**
     * As the double version in float lanes: {@code (x - mean) / sd}, with {@code sd[j]} computed in double
     * and rounded to float once into {@code w} (at least {@code cols} floats).
     */
    static void normalizeWith(float[] x, int cols, float[] mean, float[] var, double eps, float[] xhat, float[] w) {
        for (int j = 0; j < cols; j++) {
            w[j] = (float) Math.sqrt(var[j] + eps);
        }
        int bound = FS.loopBound(cols);
        for (int from = 0; from < x.length; from += cols) {
            int j = 0;
            for (; j < bound; j += FL) {
                FloatVector.fromArray(FS, x, from + j).sub(FloatVector.fromArray(FS, mean, j))
                        .div(FloatVector.fromArray(FS, w, j)).intoArray(xhat, from + j);
            }
            for (; j < cols; j++) {
                xhat[from + j] = (x[from + j] - mean[j]) / w[j];
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

    /** As the double version, fused: {@code fma(xhat, gamma, beta)}, one rounding. */
    static void scaleShift(float[] xhat, int cols, float[] gamma, float[] beta, float[] y) {
        int bound = FS.loopBound(cols);
        for (int from = 0; from < xhat.length; from += cols) {
            int j = 0;
            for (; j < bound; j += FL) {
                FloatVector.fromArray(FS, xhat, from + j).fma(FloatVector.fromArray(FS, gamma, j),
                        FloatVector.fromArray(FS, beta, j)).intoArray(y, from + j);
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
