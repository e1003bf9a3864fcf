package org.gradflow.backend.vector;

import static org.gradflow.backend.vector.GemmShapesTest.download;
import static org.gradflow.backend.vector.GemmShapesTest.upload;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.EnumSet;
import java.util.Random;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/**
 * What the conformance suite does not cover: the element-wise formulas are the reference <em>bit for
 * bit</em> in FLOAT64 and, for formulas of one operation, in FLOAT32 (the claim of {@link Kernels}; the
 * suite only asks for 4 ulps), on subnormal inputs too; the standard-form activation kernels on the edges
 * of their ranges; mixed precisions, the messages for foreign and closed tensors, the {@code threads}
 * setting and the Vector API probe.
 */
public class VectorBackendTest {
    private final VectorBackend backend = new VectorBackend(1, Long.MAX_VALUE);
    private final ReferenceBackend ref = new ReferenceBackend();
    private final Random random = new Random(5);

    /** An operation on tensors {@code t}, the last one the output. */
    private interface Op {
        void apply(ComputeBackend be, Tensor[] t);
    }

    @Test
    public void declaresBothPrecisionsAndTheProbePassesHere() {
        assertEquals(EnumSet.of(Precision.FLOAT64, Precision.FLOAT32), backend.precisions());
        assertNull("the tests run with --add-modules jdk.incubator.vector", VectorApi.problem());
    }

    /**
     * 3 x 37 (37 = 4 * 8 + 5: vector loops and scalar tails in one row) and 2 x 2 (tails only), with
     * zeros of both signs, NaN, infinities, huge and subnormal values: every element-wise formula must
     * give the reference's bits, -0.0 and +0.0 told apart, in FLOAT64; in FLOAT32 those of one operation.
     * FLOAT32 formulas of several operations run in float arithmetic with fused multiply-adds (see
     * {@link Kernels}): here they must give NaN and infinities exactly where the reference does and be
     * within {@code 8u} of the sum of their terms' magnitudes ({@link #close}); the conformance suite holds
     * them to its tighter bounds on its own inputs.
     */
    @Test
    public void elementWiseFormulasAreBitIdenticalToTheReference() {
        for (Precision p : Precision.values()) {
            for (int[] s : new int[][] {{3, 37}, {2, 2}, {1, 64}}) {
                int r = s[0], c = s[1];
                double[] x = special(p, r * c), y = special(p, r * c), z = special(p, r * c);
                double[] row = special(p, c), row2 = special(p, c), positive = absolute(special(p, c));
                double[] den = absolute(z);
                close(p, r, c, "axpby", (be, t) -> be.axpby(0.3, t[0], -1.7, t[1]),
                        i -> 0.3 * Math.abs(x[i]) + 1.7 * Math.abs(y[i]), x, y);
                close(p, r, c, "axpby x = y", (be, t) -> be.axpby(0.3, t[0], -1.7, t[0]), i -> 2 * Math.abs(x[i]), x);
                close(p, r, c, "addScaledSquare", (be, t) -> be.addScaledSquare(0.001, t[0], 0.999, t[1]),
                        i -> 0.001 * x[i] * x[i] + 0.999 * Math.abs(y[i]), x, y);
                close(p, r, c, "addScaledRatio", (be, t) -> be.addScaledRatio(-0.01, t[0], t[1], 1e-8, t[2]),
                        i -> Math.abs(y[i]) + Math.abs(0.01 * x[i] / (Math.sqrt(den[i]) + 1e-8)), x, den, y);
                close(p, r, c, "addScaledRatio, negative den", (be, t) -> be.addScaledRatio(0.5, t[0], t[1], 0, t[2]),
                        i -> Math.abs(y[i]) + Math.abs(0.5 * x[i] / Math.sqrt(Math.abs(z[i]))), x, z, y);
                same(p, r, c, "multiply", (be, t) -> be.multiply(t[0], t[1]), x, y);
                same(p, r, c, "clamp", (be, t) -> be.clamp(-0.5, 0.7, t[0]), y);
                same(p, r, c, "clamp at zeros", (be, t) -> be.clamp(0.0, 0.0, t[0]), y);
                same(p, r, c, "clamp at -0", (be, t) -> be.clamp(-0.0, 1, t[0]), y);
                same(p, r, c, "maximum", (be, t) -> be.maximum(t[0], t[1]), x, y);
                same(p, r, c, "maximum, y first", (be, t) -> be.maximum(t[0], t[1]), y, x);
                same(p, r, c, "sqrt", (be, t) -> be.sqrt(t[0], t[1]), x, y);
                close(p, r, c, "addScaledSign", (be, t) -> be.addScaledSign(-1e-4, t[0], t[1]), i -> Math.abs(y[i]) + 1e-4,
                        x, y);
                same(p, r, c, "addRowVector", (be, t) -> be.addRowVector(upload(be, p, 1, c, row), t[0]), x);
                close(p, 1, c, "sumRows beta 0", (be, t) -> be.sumRows(upload(be, p, r, c, x), 0, t[0]),
                        j -> r * columnAbs(x, r, c, j), nans(c));
                close(p, 1, c, "sumRows beta 0.5", (be, t) -> be.sumRows(upload(be, p, r, c, x), 0.5, t[0]),
                        j -> r * columnAbs(x, r, c, j) + Math.abs(row[j]), row);
                close(p, r, c, "copyColumns beta -0.5",
                        (be, t) -> be.copyColumns(upload(be, p, r, c, x), 0, t[0], 0, c, -0.5),
                        i -> Math.abs(x[i]) + Math.abs(y[i]), y);
                close(p, r, c, "copyColumns block", (be, t) -> be.copyColumns(upload(be, p, r, c, x), 1, t[0], 0, c - 1, 2),
                        i -> i % c == c - 1 ? 0 : Math.abs(x[i + 1]) + 2 * Math.abs(y[i]), y);
                close(p, r, c, "scaleShift",
                        (be, t) -> be.scaleShift(t[0], upload(be, p, 1, c, row), upload(be, p, 1, c, row2), t[1]),
                        i -> Math.abs(x[i] * row[i % c]) + Math.abs(row2[i % c]), x, y);
                close(p, r, c, "normalizeWith",
                        (be, t) -> be.normalizeWith(t[0], upload(be, p, 1, c, row), upload(be, p, 1, c, positive), 1e-5, t[1]),
                        i -> (Math.abs(x[i]) + Math.abs(row[i % c])) / Math.sqrt(positive[i % c] + 1e-5), x, y);
                same(p, r, c, "prelu", (be, t) -> be.prelu(t[0], upload(be, p, 1, c, row), t[1]), x, y);
                same(p, r, c, "fill", (be, t) -> be.fill(t[0], -0.0), y);
                same(p, r, c, "copy", (be, t) -> be.copy(t[0], t[1]), x, y);
            }
        }
    }

    /** Relu of the standard form, as the activations bundle's. */
    private static final ActivationFunction RELU = new ActivationFunction() {
        @Override
        public double value(double x) {
            return Math.max(0.0, x);
        }

        @Override
        public double derivative(double x, double y) {
            return x > 0 ? 1 : x <= 0 ? 0 : Double.NaN;
        }

        @Override
        public Form form() {
            return Form.RELU;
        }
    };

    /**
     * The standard-form activation kernels keep FLOAT64 bit for bit (relu forward; every backward is the
     * reference's operations), and FLOAT32 relu and every FLOAT32 form's NaN, infinities and signed zeros.
     */
    @Test
    public void standardFormActivationsKeepTheReferenceBits() {
        for (int[] s : new int[][] {{3, 37}, {2, 2}, {1, 64}}) {
            int r = s[0], c = s[1];
            for (Precision p : Precision.values()) {
                double[] x = special(p, r * c), g = special(p, r * c);
                for (ActivationFunction f : new ActivationFunction[] {RELU, GateFunction.SIGMOID, GateFunction.TANH}) {
                    double[] a = new double[r * c];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = f.value(p == Precision.FLOAT32 ? (float) x[i] : x[i]);
                    }
                    if (p == Precision.FLOAT64 || f == RELU) {
                        same(p, r, c, "activate " + f, (be, t) -> be.activate(f, t[0], t[1]), x, g);
                        same(p, r, c, "activateBackward " + f, (be, t) -> be.activateBackward(f, t[0], t[1], t[2], t[3]),
                                x, a, g, g);
                    } else {
                        close(p, r, c, "activate " + f, (be, t) -> be.activate(f, t[0], t[1]), i -> Math.abs(a[i]) / 2, x, g);
                        same(p, r, c, "activate " + f + " at NaN, infinities and zeros",
                                (be, t) -> be.activate(f, t[0], t[1]), edges(x), g);
                    }
                }
            }
        }
    }

    /** {@code x} with NaN, infinities, zeros of both signs and huge values only (others set to 0). */
    private static double[] edges(double[] x) {
        double[] e = x.clone();
        for (int i = 0; i < e.length; i++) {
            if (Double.isFinite(e[i]) && Math.abs(e[i]) < 1e10) {
                e[i] = i % 2 == 0 ? 0.0 : -0.0;
            }
        }
        return e;
    }

    /** Vector max follows Math.max for zeros of both signs: max(-0.0, +0.0) = +0.0, whichever side. */
    @Test
    public void maximumOfSignedZerosIsPositiveZero() {
        for (Precision p : Precision.values()) {
            int n = 64;
            double[] neg = new double[n];
            double[] pos = new double[n];
            java.util.Arrays.fill(neg, -0.0);
            Tensor a = upload(backend, p, 1, n, neg);
            Tensor b = upload(backend, p, 1, n, pos);
            backend.maximum(a, b);
            Tensor c = upload(backend, p, 1, n, pos);
            backend.maximum(c, a);
            for (double v : download(backend, b)) {
                assertEquals(p + " max(-0, +0)", Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(v));
            }
            for (double v : download(backend, a)) {
                assertEquals(p + " max(+0, -0)", Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(v));
            }
        }
    }

    @Test
    public void mixedPrecisionsComputeInDoubleLikeTheReference() {
        int m = 5, k = 7, n = 4;
        double[] av = gaussian(m * k), bv = gaussian(k * n), cv = gaussian(m * n);
        for (Precision pc : Precision.values()) {
            Tensor a = upload(backend, Precision.FLOAT32, m, k, av);
            Tensor b = upload(backend, Precision.FLOAT64, k, n, bv);
            Tensor c = upload(backend, pc, m, n, cv);
            backend.matmul(a, false, b, false, 0.5, 2, c);
            Tensor rc = upload(ref, pc, m, n, cv);
            ref.matmul(upload(ref, Precision.FLOAT32, m, k, av), false, upload(ref, Precision.FLOAT64, k, n, bv), false, 0.5,
                    2, rc);
            assertArrayEquals("mixed matmul into " + pc, download(ref, rc), download(backend, c),
                    pc == Precision.FLOAT32 ? 1e-5 : 1e-12);
        }
        double[] xv = {1.1, 2.2, 3.3, -1, -2, -3};
        double[] yv = {1, 1, 1, 1, 1, 1};
        Tensor x = upload(backend, Precision.FLOAT32, 2, 3, xv);
        Tensor y = upload(backend, Precision.FLOAT64, 2, 3, yv);
        Tensor rx = upload(ref, Precision.FLOAT32, 2, 3, xv);
        Tensor ry = upload(ref, Precision.FLOAT64, 2, 3, yv);
        backend.axpby(2, x, 1, y);
        ref.axpby(2, rx, 1, ry);
        assertArrayEquals("axpby float x into double y", download(ref, ry), download(backend, y), 0);
        Tensor probs = backend.allocate(2, 3, Precision.FLOAT32);
        Tensor rprobs = ref.allocate(2, 3, Precision.FLOAT32);
        backend.softmaxRows(y, probs);
        ref.softmaxRows(ry, rprobs);
        assertArrayEquals("softmax double into float", download(ref, rprobs), download(backend, probs), 0);
        Tensor copy = backend.allocate(2, 3, Precision.FLOAT64);
        backend.copy(x, copy);
        assertEquals((double) 1.1f, download(backend, copy)[0], 0);
        assertEquals(ref.squaredDistance(rx, ry), backend.squaredDistance(x, y), 0);
        backend.multiply(y, x);
        ref.multiply(ry, rx);
        assertArrayEquals("multiply double x into float y", download(ref, rx), download(backend, x), 0);
    }

    @Test
    public void foreignClosedAndAliasedTensorsAreRejectedWithTheOperationAndShapes() {
        Tensor mine = backend.allocate(2, 3, Precision.FLOAT64);
        Tensor foreign = ref.allocate(2, 3, Precision.FLOAT32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.matmul(mine, false, foreign, true, 1, 0, backend.allocate(2, 2, Precision.FLOAT64)));
        assertTrue(e.getMessage(), e.getMessage().startsWith("matmul: b (2x3 FLOAT32) belongs to the backend "
                + ReferenceBackend.class.getName() + ", not to this vector backend"));
        VectorBackend other = new VectorBackend(1, Long.MAX_VALUE);
        e = assertThrows(IllegalArgumentException.class, () -> backend.axpby(1, other.allocate(2, 3, Precision.FLOAT64), 1, mine));
        assertTrue(e.getMessage(), e.getMessage().contains("another vector backend instance"));
        Tensor closed = backend.allocate(2, 3, Precision.FLOAT64);
        closed.close();
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> backend.fill(closed, 1));
        assertTrue(s.getMessage(), s.getMessage().startsWith("fill: target (2x3) was closed"));
        Tensor square = backend.allocate(3, 3, Precision.FLOAT32);
        e = assertThrows(IllegalArgumentException.class, () -> backend.matmul(square, false, square, false, 1, 0, square));
        assertTrue(e.getMessage(), e.getMessage().contains("may not alias"));
    }

    @Test
    public void threadsSettingIsCheckedAndZeroMeansAtMostTwo() {
        assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), 2), VectorBackend.threads(0));
        assertEquals(3, VectorBackend.threads(3));
        for (int bad : new int[] {-1, VectorBackend.MAX_THREADS + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorBackend.threads(bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("threads=" + bad + " for the vector backend"));
        }
        VectorBackend configured = new VectorBackend(config("1"));
        assertEquals(1, configured.threads());
        configured.deactivate();
        // a bad configured value is logged and replaced by the automatic count: the backend stays available
        for (String typo : new String[] {"-1", "abc", "2.5"}) {
            VectorBackend b = new VectorBackend(config(typo));
            assertEquals(typo, VectorBackend.threads(0), b.threads());
            b.deactivate();
        }
        VectorBackend spaced = new VectorBackend(config(" 1 "));
        assertEquals(1, spaced.threads());
        spaced.deactivate();
    }

    private static VectorBackend.Config config(String threads) {
        return new VectorBackend.Config() {
            @Override
            public String threads() {
                return threads;
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return VectorBackend.Config.class;
            }
        };
    }

    /** The magnitude of an element-wise result's terms at element i. */
    private interface Terms {
        double of(int i);
    }

    /** The largest |m[i][j]| over the rows of column j (for a bound on the column's sum). */
    private static double columnAbs(double[] m, int rows, int cols, int j) {
        double max = 0;
        for (int i = 0; i < rows; i++) {
            max = Math.max(max, Math.abs(m[i * cols + j]));
        }
        return max;
    }

    /**
     * FLOAT64: {@link #same}. FLOAT32: NaN and infinities exactly where the reference has them, other
     * elements within {@code 8u * terms + floor} (u = 2^-24; the float formulas round at most 6 times) of it.
     */
    private void close(Precision p, int r, int c, String what, Op op, Terms terms, double[]... values) {
        if (p == Precision.FLOAT64) {
            same(p, r, c, what, op, values);
            return;
        }
        Tensor[] mine = new Tensor[values.length];
        Tensor[] theirs = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            mine[i] = upload(backend, p, r, c, values[i]);
            theirs[i] = upload(ref, p, r, c, values[i]);
        }
        op.apply(backend, mine);
        op.apply(ref, theirs);
        double[] expected = download(ref, theirs[values.length - 1]);
        double[] got = download(backend, mine[values.length - 1]);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double g = got[i];
            boolean ok = Double.isNaN(e) || Double.isInfinite(e) ? Double.compare(e, g) == 0
                    : Math.abs(e - g) <= 8 * 0x1p-24 * terms.of(i) + Float.MIN_NORMAL;
            if (!ok) {
                fail(p + " " + what + " " + r + "x" + c + ": element " + i + " is " + g + ", the reference gives " + e);
            }
        }
    }

    /** Runs {@code op} on both backends; the last tensor is compared by its bits (NaN to any NaN). */
    private void same(Precision p, int r, int c, String what, Op op, double[]... values) {
        Tensor[] mine = new Tensor[values.length];
        Tensor[] theirs = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            mine[i] = upload(backend, p, r, c, values[i]);
            theirs[i] = upload(ref, p, r, c, values[i]);
        }
        op.apply(backend, mine);
        op.apply(ref, theirs);
        double[] expected = download(ref, theirs[values.length - 1]);
        double[] got = download(backend, mine[values.length - 1]);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(got[i])) {
                fail(p + " " + what + " " + r + "x" + c + ": element " + i + " is " + got[i] + ", the reference gives "
                        + expected[i]);
            }
        }
    }

    private double[] special(Precision p, int n) {
        double huge = p == Precision.FLOAT32 ? 1e15 : 1e30;
        double tiny = p == Precision.FLOAT32 ? 1e-40 : 1e-310; // subnormal
        double[] pool = {0, -0.0, 1, -1, huge, -huge, tiny, -tiny, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        double[] v = gaussian(n);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) == 0) {
                v[i] = pool[random.nextInt(pool.length)];
            }
        }
        return v;
    }

    private double[] gaussian(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static double[] absolute(double[] v) {
        double[] a = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = Math.abs(v[i]);
        }
        return a;
    }

    private static double[] nans(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }
}
