package org.gradflow.regularizers;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.regularizer.RegularizationRule;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/** The layer {@code dropout} inserts: gradient, evaluation, statistics of the mask, and its seeding. */
public class DropoutLayerTest {
    private static final long SEED = 20140101L;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final ReferenceBackend b = new ReferenceBackend();

    private static RegularizationRule rule(String rate) {
        Dropout d = new Dropout();
        return d.create(Settings.validate("regularizer.dropout.", Map.of("rate", rate), d.parameters()));
    }

    private DropoutLayer layer(double rate, long seed, int features) {
        return new DropoutLayer("fc1-dropout", features, rate, seed, b, Precision.FLOAT64);
    }

    private Tensor random(int rows, int cols, long seed, double lo, double hi) {
        Random r = new Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return b.tensor(rows, cols, v);
    }

    /** What the component inserts: a layer named after the one it follows, or nothing for rate 0. */
    @Test
    public void componentInsertsALayerUnlessRateIsZero() {
        Layer layer = rule("0.2").layerAfter(Stubs.layer("fc1", 5), 5, Stubs.factory(b, Precision.FLOAT64), 1);
        assertTrue(layer instanceof DropoutLayer);
        assertEquals("fc1-dropout", layer.name());
        assertEquals(5, layer.inputSize());
        assertEquals(5, layer.outputSize());
        assertTrue(layer.parameters().isEmpty());
        assertNull("rate 0: nothing to insert",
                rule("0").layerAfter(Stubs.layer("fc1", 5), 5, Stubs.factory(b, Precision.FLOAT64), 1));
    }

    /**
     * With the mask frozen (the test hook) y = x * mask is linear in x and the finite-difference check
     * holds: dL/dx = R * mask for L = sum(y * R). Two batch sizes, each with its own buffers and mask.
     */
    @Test
    public void gradientCheckWithAFrozenMask() {
        for (double rate : new double[] {0.1, 0.5, 0.9}) {
            DropoutLayer layer = layer(rate, SEED, 7);
            layer.freezeMask();
            for (int rows : new int[] {4, 1}) {
                Tensor x = random(rows, 7, rows, -2, 2);
                double worst = GradientCheck.checkLayer(layer, x, 5, GradientCheck.TOLERANCE);
                assertTrue("rate " + rate + ": worst relative error " + worst, worst <= GradientCheck.TOLERANCE);
            }
        }
    }

    /** Without the hook every forward draws a new mask, so the same check must fail: the hook is needed. */
    @Test
    public void withoutTheHookTheMaskChangesEveryForward() {
        try {
            GradientCheck.checkLayer(layer(0.5, SEED, 7), random(4, 7, 1, -2, 2), 5, GradientCheck.TOLERANCE);
            fail("a fresh mask per forward cannot pass a finite-difference check");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("fc1-dropout"));
        }
    }

    /** backward: gx = gy * mask of the last training forward, even after an evaluation forward in between. */
    @Test
    public void backwardUsesTheLastTrainingMask() {
        DropoutLayer layer = layer(0.5, SEED, 6);
        Tensor x = b.tensor(2, 6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        double[] y = b.values(layer.forward(x, true));
        layer.forward(random(3, 6, 9, -1, 1), false);
        double[] gx = b.values(layer.backward(b.tensor(2, 6, 1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6)));
        double[] gy = {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6};
        for (int i = 0; i < gx.length; i++) {
            // y = 1 * mask, so mask = y
            assertEquals("element " + i, gy[i] * y[i], gx[i], 0);
        }
    }

    @Test
    public void backwardNeedsATrainingForward() {
        DropoutLayer layer = layer(0.5, SEED, 3);
        layer.forward(b.tensor(1, 3, 1, 2, 3), false);
        try {
            layer.backward(b.tensor(1, 3, 1, 1, 1));
            fail("backward after an evaluation forward only");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("fc1-dropout"));
        }
        layer.forward(b.tensor(1, 3, 1, 2, 3), true);
        try {
            layer.backward(b.tensor(2, 3, 1, 1, 1, 1, 1, 1));
            fail("backward with another batch size");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("matching"));
        }
        layer.setInputGradientNeeded(false);
        assertNull(layer.backward(b.tensor(1, 3, 1, 1, 1)));
    }

    /** Evaluation is the identity: the input tensor itself comes back, untouched, whatever the rate. */
    @Test
    public void evaluationIsIdentity() {
        for (double rate : new double[] {0.01, 0.5, 0.99}) {
            DropoutLayer layer = layer(rate, SEED, 4);
            Tensor x = b.tensor(2, 4, 1, -2, 3, -4, 0.5, 0, -0.0, 7);
            layer.forward(x, true);
            assertSame(x, layer.forward(x, false));
            assertArrayEquals(new double[] {1, -2, 3, -4, 0.5, 0, -0.0, 7}, b.values(x), 0);
        }
    }

    /**
     * On 2000 x 50 = 100,000 units the kept fraction is within 0.01 of 1 - rate (the standard deviation
     * of the fraction is at most 0.0016, so this is over six of them), every output is 0 or exactly
     * x * (1 / (1 - rate)), and the mean of y is within 2% of the mean of x (inverted dropout keeps
     * the expectation; with x in [0.5, 1.5] the mean's relative standard deviation is below 0.5%).
     */
    @Test
    public void keptFractionAndExpectation() {
        Tensor x = random(2000, 50, 17, 0.5, 1.5);
        double[] xv = b.values(x);
        double meanX = Arrays.stream(xv).average().orElseThrow();
        for (double rate : new double[] {0.1, 0.3, 0.5, 0.8}) {
            DropoutLayer layer = layer(rate, SEED, 50);
            double[] y = b.values(layer.forward(x, true));
            double scale = 1 / (1 - rate);
            long kept = 0;
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] != 0) {
                    kept++;
                    assertEquals("rate " + rate + ", element " + i, xv[i] * scale, y[i], 0);
                }
                sum += y[i];
            }
            double fraction = (double) kept / y.length;
            assertEquals("rate " + rate + ": kept fraction", 1 - rate, fraction, 0.01);
            assertEquals("rate " + rate + ": mean of y vs mean of x", meanX, sum / y.length, 0.02 * meanX);
        }
    }

    /**
     * The mask of training forward k is dropoutMask(1 - p, 1 / (1 - p), s_k) with
     * s_k = mix(mix(seed) + (k + 1) * 0x9E3779B97F4A7C15), as documented; every call draws a new one.
     */
    @Test
    public void masksFollowTheDocumentedSeeds() {
        DropoutLayer layer = layer(0.25, SEED, 5);
        Tensor ones = b.tensor(3, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        double[] previous = null;
        for (int k = 0; k < 4; k++) {
            double[] y = b.values(layer.forward(ones, true));
            Tensor mask = b.allocate(3, 5, Precision.FLOAT64);
            b.dropoutMask(0.75, 1 / 0.75, DropoutLayer.maskSeed(SEED, k), mask);
            assertArrayEquals("call " + k, b.values(mask), y, 0);
            assertFalse("call " + k + " draws a new mask", Arrays.equals(previous, y));
            previous = y;
        }
        long z = DropoutLayer.mix(SEED) + 3 * GOLDEN_GAMMA;
        assertEquals("s_2 spelled out", DropoutLayer.mix(z), DropoutLayer.maskSeed(SEED, 2));
    }

    /** Same seed, same masks; another seed, other masks. */
    @Test
    public void deterministicForASeed() {
        Tensor x = random(8, 16, 3, -1, 1);
        DropoutLayer a = layer(0.5, SEED, 16);
        DropoutLayer same = layer(0.5, SEED, 16);
        DropoutLayer other = layer(0.5, SEED + 1, 16);
        for (int k = 0; k < 3; k++) {
            double[] ya = b.values(a.forward(x, true));
            assertArrayEquals("call " + k, ya, b.values(same.forward(x, true)), 0);
            assertFalse("call " + k, Arrays.equals(ya, b.values(other.forward(x, true))));
        }
    }

    /**
     * The core seeds layer i of run seed s with s * 0x9E3779B97F4A7C15 + 31 i + r + 1, so run seed s + 1
     * gives its layers seeds larger by exactly 0x9E3779B97F4A7C15. The seed is mixed before the counter
     * is added, so run s + 1 does not replay run s's masks one step later, nor does the next layer.
     */
    @Test
    public void nearbySeedsDoNotReplayMasks() {
        Tensor x = random(16, 16, 4, 0.5, 1.5);
        long s = 7 * GOLDEN_GAMMA + 1;
        DropoutLayer run = layer(0.5, s, 16);
        DropoutLayer nextRun = layer(0.5, s + GOLDEN_GAMMA, 16);
        DropoutLayer nextLayer = layer(0.5, s + 31, 16);
        double[][] masks = new double[40][];
        for (int k = 0; k < masks.length; k++) {
            masks[k] = b.values(run.forward(x, true)).clone();
        }
        for (int k = 0; k < 8; k++) {
            double[] yRun = b.values(nextRun.forward(x, true));
            double[] yLayer = b.values(nextLayer.forward(x, true));
            for (int j = 0; j < masks.length; j++) {
                assertFalse("run s+1 call " + k + " repeats run s call " + j, Arrays.equals(masks[j], yRun));
                assertFalse("layer +31 call " + k + " repeats call " + j, Arrays.equals(masks[j], yLayer));
            }
        }
    }

    /** Buffers per batch size: the same output tensor for the same B, another for another B. */
    @Test
    public void buffersAreReusedPerBatchSize() {
        DropoutLayer layer = layer(0.5, SEED, 3);
        Tensor four = layer.forward(random(4, 3, 1, -1, 1), true);
        Tensor two = layer.forward(random(2, 3, 2, -1, 1), true);
        assertNotSame(four, two);
        assertSame(four, layer.forward(random(4, 3, 3, -1, 1), true));
        Tensor g1 = layer.backward(random(4, 3, 4, -1, 1));
        layer.forward(random(4, 3, 5, -1, 1), true);
        assertSame(g1, layer.backward(random(4, 3, 6, -1, 1)));
        layer.close();
    }

    /** FLOAT32: outputs are 0 or x times the float-rounded scale. */
    @Test
    public void float32() {
        DropoutLayer layer = new DropoutLayer("d", 8, 0.3, SEED, b, Precision.FLOAT32);
        Tensor x = b.allocate(4, 8, Precision.FLOAT32);
        double[] xv = new double[32];
        Arrays.fill(xv, 1);
        b.upload(xv, 0, x);
        double[] y = b.values(layer.forward(x, true));
        for (double v : y) {
            assertTrue("0 or 1/0.7 in float: " + v, v == 0 || v == (double) (float) (1 / 0.7));
        }
    }

    @Test
    public void wrongWidthIsRejected() {
        try {
            layer(0.5, SEED, 3).forward(b.tensor(1, 4, 1, 2, 3, 4), true);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("expected 3 input features, got 4"));
        }
    }
}
