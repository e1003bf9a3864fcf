package org.gradflow.pretrainers;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.nn.Layer;
import org.junit.Test;

/**
 * {@code rbm} through context-level runs on 9 -> 6 (sigmoid) -> 4 (sigmoid) -> 1 (output) with binary
 * "bars" images: learning with CD-1 and CD-3, which layers change, frozen parameters, cancellation.
 */
public class RbmTest {
    private static final int N = 120;

    /** 3x3 binary images, each a random non-empty set of horizontal or vertical bars, row-major. */
    static double[] bars(long seed) {
        Random random = new Random(seed);
        double[] x = new double[N * 9];
        for (int n = 0; n < N; n++) {
            boolean vertical = random.nextBoolean();
            int bits = 1 + random.nextInt(6);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    int bar = vertical ? c : r;
                    x[n * 9 + r * 3 + c] = (bits >> bar & 1) == 1 ? 1 : 0;
                }
            }
        }
        return x;
    }

    private static List<Layer> network() {
        return List.of(new TestLayers.Dense("fc1", 9, 6, GateFunction.SIGMOID, 21),
                new TestLayers.Dense("fc2", 6, 4, GateFunction.SIGMOID, 22), new TestLayers.Dense("out", 4, 1, null, 23));
    }

    private static TestContext context(List<Layer> layers, Map<String, String> given) {
        return new TestContext(new Rbm(), layers, bars(3), given, new Random(4));
    }

    private static boolean same(List<double[]> a, List<double[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void checkLearns(String k) {
        List<Layer> layers = network();
        List<double[]> outBefore = TestLayers.snapshot(layers.get(2));
        TestContext c = context(layers, Map.of("epochs", "40", "batch", "10", "k", k));
        new Rbm().pretrain(c);
        assertEquals(80, c.reports.size());
        List<Double> losses = c.losses(1);
        double first = losses.get(0);
        double last = losses.get(39);
        assertTrue("CD-" + k + " layer 1: reconstruction error " + first + " -> " + last, last < 0.5 * first);
        List<Double> second = c.losses(2);
        assertTrue("CD-" + k + " layer 2: " + second.get(0) + " -> " + second.get(39), second.get(39) < 0.7 * second.get(0));
        assertTrue("output layer untouched", same(outBefore, TestLayers.snapshot(layers.get(2))));
        for (Layer l : layers) {
            assertEquals(l.name() + ": an RBM never runs a training forward", 0, ((TestLayers.Dense) l).trainingForwards);
        }
    }

    @Test
    public void cd1ReconstructionErrorFalls() {
        checkLearns("1");
    }

    @Test
    public void cd3ReconstructionErrorFalls() {
        checkLearns("3");
    }

    @Test
    public void frozenParametersKeepTheirValues() {
        List<Layer> layers = network();
        TestLayers.Dense fc1 = (TestLayers.Dense) layers.get(0);
        fc1.bias.setFrozen(true);
        double[] w = TestLayers.values(fc1.weight.value());
        double[] b = TestLayers.values(fc1.bias.value());
        new Rbm().pretrain(context(layers, Map.of("epochs", "2")));
        assertArrayEquals("frozen bias", b, TestLayers.values(fc1.bias.value()), 0);
        assertFalse("the weight is not frozen and moves", Arrays.equals(w, TestLayers.values(fc1.weight.value())));
    }

    @Test
    public void stopsWhenCancelled() {
        List<Layer> layers = network();
        List<double[]> fc2Before = TestLayers.snapshot(layers.get(1));
        TestContext c = context(layers, Map.of("epochs", "2", "batch", "30"));
        c.cancelled = () -> c.reports.size() >= 2;
        new Rbm().pretrain(c);
        assertEquals("layer 1's two epochs, then stop", 2, c.reports.size());
        assertTrue("fc2 never trained", same(fc2Before, TestLayers.snapshot(layers.get(1))));
    }
}
