package org.gradflow.backend.ojalgo;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.EnumSet;
import java.util.Random;
import java.util.function.IntSupplier;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.api.tensor.TensorStats;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;
import org.ojalgo.matrix.operation.MultiplyLeft;
import org.ojalgo.matrix.operation.MultiplyNeither;

/** What the conformance suite does not cover: ojAlgo threading, mixed precisions, lifecycle, edge sizes. */
public class OjAlgoBackendTest {
    private final OjAlgoBackend backend = new OjAlgoBackend();
    private final ReferenceBackend ref = new ReferenceBackend();
    private final Random random = new Random(7);

    @Test
    public void declaresBothPrecisions() {
        assertEquals(EnumSet.of(Precision.FLOAT64, Precision.FLOAT32), backend.precisions());
    }

    /**
     * ojAlgo splits products over its worker threads; each element must still be summed in the same
     * order, so one thread and all threads give the same bits (both kernels, both precisions).
     */
    @Test
    public void productsAreBitIdenticalWithOneThreadAndWithAll() {
        for (Gemm.Kernel kernel : Gemm.Kernel.values()) {
            OjAlgoBackend be = new OjAlgoBackend(kernel);
            for (Precision p : be.precisions()) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 2) != 0, tb = (t & 1) != 0;
                    int m = 96, k = 200, n = 80;
                    Tensor a = random(be, p, ta ? k : m, ta ? m : k);
                    Tensor b = random(be, p, tb ? n : k, tb ? k : n);
                    double[] c0 = new double[m * n];
                    double[] threaded = product(be, a, ta, b, tb, c0, m, n);
                    IntSupplier neither = MultiplyNeither.PARALLELISM;
                    IntSupplier left = MultiplyLeft.PARALLELISM;
                    double[] single;
                    try {
                        MultiplyNeither.PARALLELISM = () -> 1;
                        MultiplyLeft.PARALLELISM = () -> 1;
                        single = product(be, a, ta, b, tb, c0, m, n);
                    } finally {
                        MultiplyNeither.PARALLELISM = neither;
                        MultiplyLeft.PARALLELISM = left;
                    }
                    for (int i = 0; i < single.length; i++) {
                        if (Double.doubleToLongBits(single[i]) != Double.doubleToLongBits(threaded[i])) {
                            fail(kernel + " " + p + " transposes " + ta + "," + tb + ": element " + i + " is " + threaded[i]
                                    + " threaded but " + single[i] + " on one thread");
                        }
                    }
                }
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
            Tensor ra = upload(ref, Precision.FLOAT32, m, k, av);
            Tensor rb = upload(ref, Precision.FLOAT64, k, n, bv);
            Tensor rc = upload(ref, pc, m, n, cv);
            ref.matmul(ra, false, rb, false, 0.5, 2, rc);
            assertArrayEquals("mixed matmul into " + pc, download(ref, rc), download(backend, c), 1e-12);
        }
        Tensor x = upload(backend, Precision.FLOAT32, 2, 3, 1.1, 2.2, 3.3, -1, -2, -3);
        Tensor y = upload(backend, Precision.FLOAT64, 2, 3, 1, 1, 1, 1, 1, 1);
        backend.axpby(2, x, 1, y);
        Tensor rx = upload(ref, Precision.FLOAT32, 2, 3, 1.1, 2.2, 3.3, -1, -2, -3);
        Tensor ry = upload(ref, Precision.FLOAT64, 2, 3, 1, 1, 1, 1, 1, 1);
        ref.axpby(2, rx, 1, ry);
        assertArrayEquals("axpby float x into double y", download(ref, ry), download(backend, y), 0);
        Tensor probs = backend.allocate(2, 3, Precision.FLOAT32);
        backend.softmaxRows(y, probs);
        Tensor rprobs = ref.allocate(2, 3, Precision.FLOAT32);
        ref.softmaxRows(ry, rprobs);
        assertArrayEquals("softmax double into float", download(ref, rprobs), download(backend, probs), 0);
        Tensor copy = backend.allocate(2, 3, Precision.FLOAT64);
        backend.copy(x, copy);
        assertEquals((double) 1.1f, download(backend, copy)[0], 0);
        assertEquals(ref.squaredDistance(rx, ry), backend.squaredDistance(x, y), 0);

        // the regularizer operations: float x into double y and double x into float y, as the reference
        Tensor xd = upload(backend, Precision.FLOAT64, 2, 3, 0.1, -4, 0, Double.NaN, 9, 2);
        Tensor rxd = upload(ref, Precision.FLOAT64, 2, 3, 0.1, -4, 0, Double.NaN, 9, 2);
        Tensor yf = upload(backend, Precision.FLOAT32, 2, 3, 1.1, 2.2, 3.3, -1, -2, -3);
        Tensor ryf = upload(ref, Precision.FLOAT32, 2, 3, 1.1, 2.2, 3.3, -1, -2, -3);
        backend.addScaledSign(0.3, x, y);
        ref.addScaledSign(0.3, rx, ry);
        assertArrayEquals("addScaledSign float x into double y", download(ref, ry), download(backend, y), 0);
        backend.addScaledSign(0.3, xd, yf);
        ref.addScaledSign(0.3, rxd, ryf);
        assertArrayEquals("addScaledSign double x into float y", download(ref, ryf), download(backend, yf), 0);
        backend.maximum(xd, yf);
        ref.maximum(rxd, ryf);
        assertArrayEquals("maximum double x into float y", download(ref, ryf), download(backend, yf), 0);
        backend.maximum(x, y);
        ref.maximum(rx, ry);
        assertArrayEquals("maximum float x into double y", download(ref, ry), download(backend, y), 0);
        backend.sqrt(xd, yf);
        ref.sqrt(rxd, ryf);
        assertArrayEquals("sqrt double x into float y", download(ref, ryf), download(backend, yf), 0);
        backend.sqrt(x, y);
        ref.sqrt(rx, ry);
        assertArrayEquals("sqrt float x into double y", download(ref, ry), download(backend, y), 0);
    }

    @Test
    public void theL2NormOfHugeFiniteValuesIsFiniteNotInfinity() {
        Tensor t = upload(backend, Precision.FLOAT64, 1, 3, 3e200, -4e200, Double.NaN);
        TensorStats s = backend.stats(t);
        assertEquals(5e200, s.l2(), 5e200 * 1e-15);
        assertEquals(4e200, s.maxAbs(), 0);
        assertEquals(1, s.nonFinite());
    }

    /**
     * Row [3e200, 4e200]: the sum of squares overflows double, the norm 5e200 does not (the scaled pass,
     * as in stats), so maxNorm 1 gives [0.6, 0.8], where the reference's plain sum would leave the row.
     * Row [1.5e308, 1.5e308] has a norm (2.1e308) past Double.MAX_VALUE (1.8e308): no finite norm, so it stays.
     */
    @Test
    public void capRowNormsOfHugeFiniteRowsUsesTheirFiniteNorm() {
        Tensor t = upload(backend, Precision.FLOAT64, 3, 2, 3e200, 4e200, 1.5e308, 1.5e308, 3, 4);
        backend.capRowNorms(1, t);
        double[] got = download(backend, t);
        assertEquals(0.6, got[0], 4e-16);
        assertEquals(0.8, got[1], 4e-16);
        assertArrayEquals(new double[] {1.5e308, 1.5e308}, java.util.Arrays.copyOfRange(got, 2, 4), 0);
        assertEquals(0.6, got[4], 4e-16);
        assertEquals(0.8, got[5], 4e-16);
    }

    @Test
    public void capRowNormsRejectsANegativeOrNanMaxNorm() {
        for (Precision p : backend.precisions()) {
            Tensor t = upload(backend, p, 1, 2, 3, 4);
            for (double bad : new double[] {-1, Double.NaN, Double.NEGATIVE_INFINITY}) {
                try {
                    backend.capRowNorms(bad, t);
                    fail("maxNorm " + bad + " must be rejected");
                } catch (IllegalArgumentException e) {
                    assertTrue(e.getMessage(), e.getMessage().contains("maxNorm is " + bad) && e.getMessage().contains("1x2"));
                }
            }
            assertArrayEquals("a rejected call leaves m as it was", new double[] {3, 4}, download(backend, t), 0);
        }
    }

    @Test
    public void theRegularizerOperationsRejectClosedTensors() {
        Tensor open = backend.allocate(2, 2, Precision.FLOAT32);
        Tensor closed = backend.allocate(2, 2, Precision.FLOAT32);
        closed.close();
        Runnable[] uses = {
            () -> backend.addScaledSign(1, closed, open), () -> backend.addScaledSign(1, open, closed),
            () -> backend.sumAbs(closed), () -> backend.maximum(closed, open), () -> backend.maximum(open, closed),
            () -> backend.sqrt(closed, open), () -> backend.sqrt(open, closed), () -> backend.capRowNorms(1, closed),
            () -> backend.dropoutMask(0.5, 2, 1, closed),
        };
        for (int i = 0; i < uses.length; i++) {
            try {
                uses[i].run();
                fail("use " + i + ": a closed tensor must be rejected");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("closed") && e.getMessage().contains("2x2"));
            }
        }
    }

    @Test
    public void closedTensorsAndTensorsOfAnotherInstanceAreRejected() {
        Tensor t = backend.allocate(2, 2, Precision.FLOAT64);
        t.close();
        t.close();
        try {
            backend.fill(t, 1);
            fail("a closed tensor must be rejected");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("closed"));
        }
        Tensor other = new OjAlgoBackend().allocate(2, 2, Precision.FLOAT64);
        try {
            backend.fill(other, 1);
            fail("a tensor of another instance must be rejected");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("another ojalgo backend instance"));
        }
    }

    @Test
    public void matmulRejectsAnOutputThatIsAlsoAnInput() {
        Tensor a = backend.allocate(3, 3, Precision.FLOAT64);
        try {
            backend.matmul(a, false, a, false, 1, 0, a);
            fail("aliasing must be rejected");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("alias"));
        }
    }

    @Test
    public void badSizesAndOffsetsAreNamed() {
        try {
            backend.allocate(-1, 3, Precision.FLOAT64);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("-1x3"));
        }
        try {
            backend.allocate(100_000, 100_000, Precision.FLOAT32);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("100000x100000"));
        }
        Tensor t = backend.allocate(2, 3, Precision.FLOAT64);
        try {
            backend.upload(new double[7], 2, t);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("6 values from offset 2") && e.getMessage().contains("7"));
        }
        try {
            backend.argmaxRows(t, new int[1]);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("2x3"));
        }
    }

    @Test
    public void emptyTensorsWork() {
        for (Precision p : backend.precisions()) {
            Tensor e = backend.allocate(0, 4, p);
            Tensor w = random(backend, p, 4, 3);
            Tensor out = backend.allocate(0, 3, p);
            backend.matmul(e, false, w, false, 1, 0, out);
            Tensor sums = backend.allocate(1, 4, p);
            backend.fill(sums, Double.NaN);
            backend.sumRows(e, 0, sums);
            assertArrayEquals(new double[4], download(backend, sums), 0);
            assertEquals(0, backend.stats(e).count());
            backend.argmaxRows(e, new int[0]);
            assertEquals(0, backend.sumAbs(e), 0);
            for (Tensor empty : new Tensor[] {e, backend.allocate(3, 0, p)}) {
                backend.capRowNorms(1, empty);
                backend.dropoutMask(0.5, 2, 1, empty);
                backend.sqrt(empty, empty);
            }
        }
    }

    @Test
    public void aSteadyLoopReusesScratchMemory() {
        Tensor x = random(backend, Precision.FLOAT64, 64, 50);
        Tensor w = random(backend, Precision.FLOAT64, 40, 50);
        Tensor z = backend.allocate(64, 40, Precision.FLOAT64);
        Tensor gw = backend.allocate(40, 50, Precision.FLOAT64);
        backend.matmul(x, false, w, true, 1, 0, z);
        backend.matmul(z, true, x, false, 1, 1, gw);
        double[] first = download(backend, gw);
        backend.fill(gw, 0);
        for (int i = 0; i < 5; i++) {
            backend.matmul(x, false, w, true, 1, 0, z);
            backend.fill(gw, 0);
            backend.matmul(z, true, x, false, 1, 1, gw);
        }
        assertArrayEquals(first, download(backend, gw), 0);
    }

    private double[] product(ComputeBackend be, Tensor a, boolean ta, Tensor b, boolean tb, double[] c0, int m, int n) {
        Tensor c = upload(be, a.precision(), m, n, c0);
        be.matmul(a, ta, b, tb, 1, 0, c);
        return download(be, c);
    }

    private Tensor random(ComputeBackend be, Precision p, int rows, int cols) {
        return upload(be, p, rows, cols, gaussian(rows * cols));
    }

    private double[] gaussian(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static Tensor upload(ComputeBackend be, Precision p, int rows, int cols, double... values) {
        Tensor t = be.allocate(rows, cols, p);
        be.upload(values, 0, t);
        return t;
    }

    private static double[] download(ComputeBackend be, Tensor t) {
        double[] v = new double[(int) t.size()];
        be.download(t, v, 0);
        return v;
    }
}
