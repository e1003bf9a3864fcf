package org.gradflow.normalization;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/** batch-norm's running statistics and evaluation mode, worked out by hand. */
public class BatchNormTest {
    private final ReferenceBackend b = new ReferenceBackend();

    private Layer layer(Map<String, String> settings, int features) {
        return Stubs.layer(b, new BatchNorm(), features, settings);
    }

    /**
     * One training step, momentum 0.1, from running_mean = [0, 0], running_var = [1, 1]:
     * <pre>
     * x = [[1, 10], [2, 20], [6, 60]]   B = 3
     * mean    = [(1 + 2 + 6) / 3, (10 + 20 + 60) / 3] = [3, 30]
     * biased  = [((-2)^2 + (-1)^2 + 3^2) / 3, ((-20)^2 + (-10)^2 + 30^2) / 3] = [14 / 3, 1400 / 3]
     * unbiased = biased * 3 / 2 = [7, 700]
     * running_mean = 0.9 * [0, 0] + 0.1 * [3, 30]  = [0.3, 3]
     * running_var  = 0.9 * [1, 1] + 0.1 * [7, 700] = [0.9 + 0.7, 0.9 + 70] = [1.6, 70.9]
     * second step, same x:
     * running_mean = 0.9 * [0.3, 3] + 0.1 * [3, 30]      = [0.27 + 0.3, 2.7 + 3]   = [0.57, 5.7]
     * running_var  = 0.9 * [1.6, 70.9] + 0.1 * [7, 700] = [1.44 + 0.7, 63.81 + 70] = [2.14, 133.81]
     * </pre>
     */
    @Test
    public void runningStatisticsOneStepByHand() {
        Layer layer = layer(Map.of(), 2);
        Tensor x = b.tensor(3, 2, 1, 10, 2, 20, 6, 60);
        layer.forward(x, true);
        assertArrayEquals(new double[] {0.3, 3}, b.values(layer.buffers().get("running_mean")), 1e-12);
        assertArrayEquals(new double[] {1.6, 70.9}, b.values(layer.buffers().get("running_var")), 1e-12);
        layer.forward(x, true);
        assertArrayEquals(new double[] {0.57, 5.7}, b.values(layer.buffers().get("running_mean")), 1e-12);
        assertArrayEquals(new double[] {2.14, 133.81}, b.values(layer.buffers().get("running_var")), 1e-12);
        // evaluation and backward leave them alone
        layer.forward(x, false);
        layer.backward(x);
        assertArrayEquals(new double[] {0.57, 5.7}, b.values(layer.buffers().get("running_mean")), 1e-12);
        assertArrayEquals(new double[] {2.14, 133.81}, b.values(layer.buffers().get("running_var")), 1e-12);
    }

    /** momentum 0 keeps the initial statistics, momentum 1 takes the last batch's. */
    @Test
    public void momentumBounds() {
        Tensor x = b.tensor(3, 2, 1, 10, 2, 20, 6, 60);
        Layer frozen = layer(Map.of("momentum", "0"), 2);
        frozen.forward(x, true);
        assertArrayEquals(new double[] {0, 0}, b.values(frozen.buffers().get("running_mean")), 0);
        assertArrayEquals(new double[] {1, 1}, b.values(frozen.buffers().get("running_var")), 0);
        Layer last = layer(Map.of("momentum", "1"), 2);
        last.forward(x, true);
        assertArrayEquals(new double[] {3, 30}, b.values(last.buffers().get("running_mean")), 1e-12);
        assertArrayEquals(new double[] {7, 700}, b.values(last.buffers().get("running_var")), 1e-12);
    }

    /**
     * After a few training passes, evaluation on a single example uses the running statistics:
     * y_j = gamma_j (x_j - rm_j) / sqrt(rv_j + eps) + beta_j, computed here by hand from the buffers.
     */
    @Test
    public void evaluationUsesRunningStatisticsAndWorksForOneExample() {
        int features = 3;
        double eps = 0.01;
        Layer layer = layer(Map.of("eps", "0.01", "momentum", "0.3"), features);
        double[] gamma = {1.5, -0.5, 2};
        double[] beta = {0.25, 1, -3};
        b.upload(gamma, 0, layer.parameters().get(0).value());
        b.upload(beta, 0, layer.parameters().get(1).value());
        for (int k = 0; k < 4; k++) {
            layer.forward(b.tensor(5, features, Stubs.random(5 * features, k, -1 + k, 4 + 2 * k)), true);
        }
        double[] rm = b.values(layer.buffers().get("running_mean")).clone();
        double[] rv = b.values(layer.buffers().get("running_var")).clone();
        double[] x = {0.7, -2, 5};
        double[] y = b.values(layer.forward(b.tensor(1, features, x), false));
        for (int j = 0; j < features; j++) {
            double expected = gamma[j] * (x[j] - rm[j]) / Math.sqrt(rv[j] + eps) + beta[j];
            assertEquals("feature " + j, expected, y[j], 1e-12);
        }
        // statistics untouched by evaluation
        assertArrayEquals(rm, b.values(layer.buffers().get("running_mean")), 0);
        assertArrayEquals(rv, b.values(layer.buffers().get("running_var")), 0);
        // a fresh layer evaluates with mean 0, variance 1: y = x / sqrt(1 + eps) (gamma 1, beta 0)
        double[] fresh = b.values(layer(Map.of(), features).forward(b.tensor(1, features, x), false));
        for (int j = 0; j < features; j++) {
            assertEquals(x[j] / Math.sqrt(1 + 1e-5), fresh[j], 1e-12);
        }
    }

    /** Training output normalizes each feature over the batch: mean 0, biased variance var/(var+eps). */
    @Test
    public void trainingOutputIsNormalizedPerFeature() {
        Layer layer = layer(Map.of(), 3);
        double[] y = b.values(layer.forward(b.tensor(4, 3, Stubs.random(12, 2, -5, 10)), true));
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 4; i++) {
                mean += y[i * 3 + j] / 4;
                sq += y[i * 3 + j] * y[i * 3 + j] / 4;
            }
            assertEquals("mean of feature " + j, 0, mean, 1e-12);
            assertEquals("variance of feature " + j, 1, sq, 1e-5);
        }
    }

    /** One example has no batch variance (PyTorch refuses it too); evaluation with one is fine (above). */
    @Test
    public void trainingNeedsTwoExamples() {
        try {
            layer(Map.of(), 2).forward(b.tensor(1, 2, 1, 2), true);
            fail();
        } catch (org.gradflow.api.component.ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("norm1: batch-norm needs at least 2 examples"));
        }
    }
}
