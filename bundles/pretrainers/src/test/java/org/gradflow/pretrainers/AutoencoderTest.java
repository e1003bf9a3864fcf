package org.gradflow.pretrainers;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.tensor.Tensor;
import org.junit.Test;

/**
 * {@code autoencoder} through context-level runs on a three-layer network
 * 8 -> 4 (tanh) -> 3 (tanh) -> 1 (output): learning, which layers change and how they are fed,
 * frozen parameters, cancellation, reproducibility.
 */
public class AutoencoderTest {
    private static final int N = 96;
    private static final int IN = 8;

    /**
     * 8 features that are mixtures of 2 latent factors, {@code x = z A + 0.05 noise} with
     * {@code z ~ U(-1, 1)^2}: a code of width 2 or more can reconstruct them well.
     */
    static double[] twoFactorData(long seed) {
        Random random = new Random(seed);
        double[][] a = new double[2][IN];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < IN; i++) {
                a[k][i] = random.nextGaussian() * 0.8;
            }
        }
        double[] x = new double[N * IN];
        for (int n = 0; n < N; n++) {
            double z0 = 2 * random.nextDouble() - 1;
            double z1 = 2 * random.nextDouble() - 1;
            for (int i = 0; i < IN; i++) {
                x[n * IN + i] = z0 * a[0][i] + z1 * a[1][i] + 0.05 * random.nextGaussian();
            }
        }
        return x;
    }

    private static List<Layer> network() {
        return List.of(new TestLayers.Dense("fc1", IN, 4, GateFunction.TANH, 11),
                new TestLayers.Dense("fc2", 4, 3, GateFunction.TANH, 12), new TestLayers.Dense("out", 3, 1, null, 13));
    }

    private static TestContext context(List<Layer> layers, Map<String, String> given, long seed) {
        return new TestContext(new Autoencoder(), layers, twoFactorData(1), given, new Random(seed));
    }

    private static boolean same(List<double[]> a, List<double[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void checkLearns(Map<String, String> given) {
        TestContext c = context(network(), given, 5);
        new Autoencoder().pretrain(c);
        assertEquals("one report per epoch per hidden layer", 2 * 30, c.reports.size());
        for (int layer = 1; layer <= 2; layer++) {
            List<Double> losses = c.losses(layer);
            assertEquals(30, losses.size());
            for (int e = 0; e < 30; e++) {
                assertEquals("epochs in order", e + 1, c.reports.get((layer - 1) * 30 + e).epoch());
            }
            double first = losses.get(0);
            double last = losses.get(29);
            assertTrue(given + " layer " + layer + ": loss " + first + " -> " + last + " " + losses,
                    Double.isFinite(last) && last < 0.25 * first);
        }
    }

    @Test
    public void tiedReconstructionLossFallsOverEpochs() {
        checkLearns(Map.of("epochs", "30", "batch", "16"));
    }

    @Test
    public void untiedDenoisingReconstructionLossFallsOverEpochs() {
        checkLearns(Map.of("epochs", "30", "batch", "16", "tied", "false", "corruption", "0.2"));
    }

    @Test
    public void trainsHiddenLayersInOrderOnTheOutputOfTheLayersBelowAndLeavesTheOutputLayer() {
        List<Layer> layers = network();
        TestLayers.Dense fc1 = (TestLayers.Dense) layers.get(0);
        TestLayers.Dense fc2 = (TestLayers.Dense) layers.get(1);
        fc2.trainingInputs = new ArrayList<>();
        List<double[]> fc1Before = TestLayers.snapshot(fc1);
        List<double[]> fc2Before = TestLayers.snapshot(fc2);
        List<double[]> outBefore = TestLayers.snapshot(layers.get(2));
        TestContext c = context(layers, Map.of("epochs", "2", "batch", "40"), 5);
        new Autoencoder().pretrain(c);

        assertFalse("fc1 changed", same(fc1Before, TestLayers.snapshot(fc1)));
        assertFalse("fc2 changed", same(fc2Before, TestLayers.snapshot(fc2)));
        assertTrue("output layer untouched", same(outBefore, TestLayers.snapshot(layers.get(2))));
        // batches of 40, 40, 16: 3 training forwards per epoch, 2 epochs, only while fc1 is trained
        assertEquals(6, fc1.trainingForwards);
        assertEquals(6, fc2.trainingForwards);
        // fc2 learned from fc1's evaluation output on every example, once per epoch
        double[] x = twoFactorData(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) x[i];
        }
        double[] h = TestLayers.values(fc1.forward(TestLayers.tensor(N, IN, x), false));
        assertEquals(2 * N, fc2.trainingInputs.size());
        for (int epoch = 0; epoch < 2; epoch++) {
            boolean[] seen = new boolean[N];
            for (double[] row : fc2.trainingInputs.subList(epoch * N, (epoch + 1) * N)) {
                for (int n = 0; n < N; n++) {
                    if (Arrays.equals(row, Arrays.copyOfRange(h, n * 4, n * 4 + 4))) {
                        seen[n] = true;
                    }
                }
            }
            for (int n = 0; n < N; n++) {
                assertTrue("epoch " + (epoch + 1) + ": example " + n + " reached fc2 as fc1.forward(x, false)", seen[n]);
            }
        }
        assertArrayEquals("gradients left at 0", new double[4 * IN], TestLayers.values(fc1.weight.gradient()), 0);
    }

    @Test
    public void frozenParametersKeepTheirValues() {
        List<Layer> layers = network();
        TestLayers.Dense fc1 = (TestLayers.Dense) layers.get(0);
        fc1.weight.setFrozen(true);
        double[] w = TestLayers.values(fc1.weight.value());
        double[] b = TestLayers.values(fc1.bias.value());
        new Autoencoder().pretrain(context(layers, Map.of("epochs", "2", "tied", "true"), 5));
        assertArrayEquals("frozen weight", w, TestLayers.values(fc1.weight.value()), 0);
        assertFalse("the bias is not frozen and moves", Arrays.equals(b, TestLayers.values(fc1.bias.value())));
    }

    @Test
    public void stopsWhenCancelled() {
        List<Layer> layers = network();
        List<double[]> fc2Before = TestLayers.snapshot(layers.get(1));
        TestContext c = context(layers, Map.of("epochs", "3", "batch", "16"), 5);
        c.cancelled = () -> c.reports.size() >= 1;
        new Autoencoder().pretrain(c);
        assertEquals("only the first epoch finished", 1, c.reports.size());
        assertTrue("fc2 never trained", same(fc2Before, TestLayers.snapshot(layers.get(1))));

        List<Layer> fresh = network();
        List<double[]> fc1Before = TestLayers.snapshot(fresh.get(0));
        TestContext never = context(fresh, Map.of(), 5);
        never.cancelled = () -> true;
        new Autoencoder().pretrain(never);
        assertTrue("cancelled before the first batch: nothing reported", never.reports.isEmpty());
        assertTrue("cancelled before the first batch: nothing trained", same(fc1Before, TestLayers.snapshot(fresh.get(0))));
    }

    @Test
    public void sameSeedSameWeightsAndTheMaskingNoiseMatters() {
        Map<String, String> noisy = Map.of("epochs", "2", "batch", "16", "tied", "false", "corruption", "0.3");
        List<Layer> a = network();
        List<Layer> b = network();
        List<Layer> clean = network();
        new Autoencoder().pretrain(context(a, noisy, 9));
        new Autoencoder().pretrain(context(b, noisy, 9));
        new Autoencoder().pretrain(context(clean, Map.of("epochs", "2", "batch", "16", "tied", "false"), 9));
        for (int i = 0; i < 2; i++) {
            assertTrue("layer " + (i + 1) + " reproduced", same(TestLayers.snapshot(a.get(i)), TestLayers.snapshot(b.get(i))));
        }
        assertFalse("corruption changes what is learned", same(TestLayers.snapshot(a.get(0)), TestLayers.snapshot(clean.get(0))));
    }

    @Test
    public void theSingleStepLowersTheBatchLoss() {
        // one plain SGD step (momentum 0) with a small rate must lower the loss on the same batch
        TestLayers.Dense layer = new TestLayers.Dense("fc1", IN, 4, GateFunction.TANH, 11);
        for (boolean tied : new boolean[] {true, false}) {
            AutoencoderTrainer t = new AutoencoderTrainer(layer, DenseParts.of(layer, 1, "autoencoder"), tied, 0, 0.05, 0,
                    new Random(1));
            Tensor x = TestLayers.tensor(N, IN, twoFactorData(2));
            double before = t.step(x);
            double after = t.lossAndGradients(x, null);
            assertTrue("tied=" + tied + ": " + before + " -> " + after, after < before);
            t.close();
        }
    }
}
