package org.gradflow.normalization;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/** layer-norm: per-example statistics, the same in both modes. */
public class LayerNormTest {
    private final ReferenceBackend b = new ReferenceBackend();

    private Layer layer(int features) {
        return Stubs.layer(b, new LayerNorm(), features, Map.of());
    }

    /**
     * With gamma = 1, beta = 0 every output row has mean 0 and (biased) variance v / (v + eps), v the
     * row's input variance: 1 to 1e-5 for rows whose v is above 1, a little less for the first row
     * (v about 0.003, so 0.997). Rows on scales from 0.1 to 1000 and offsets up to 28.
     */
    @Test
    public void rowsHaveMeanZeroAndVarianceOne() {
        int features = 6;
        Layer layer = layer(features);
        double[] x = Stubs.random(5 * features, 1, -1, 1);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < features; j++) {
                x[i * features + j] = x[i * features + j] * Math.pow(10, i - 1) + 7 * i;
            }
        }
        double[] y = b.values(layer.forward(b.tensor(5, features, x), true));
        for (int i = 0; i < 5; i++) {
            double inMean = 0;
            double inVar = 0;
            for (int j = 0; j < features; j++) {
                inMean += x[i * features + j] / features;
            }
            for (int j = 0; j < features; j++) {
                inVar += Math.pow(x[i * features + j] - inMean, 2) / features;
            }
            double mean = 0;
            double sq = 0;
            for (int j = 0; j < features; j++) {
                mean += y[i * features + j] / features;
                sq += y[i * features + j] * y[i * features + j] / features;
            }
            assertEquals("mean of row " + i, 0, mean, 1e-12);
            assertEquals("variance of row " + i, inVar / (inVar + 1e-5), sq, 1e-9);
            if (i > 1) {
                assertEquals("variance of row " + i, 1, sq, 1e-5);
            }
        }
    }

    /** Hand-checked row: x = [1, 2, 3, 6]: mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5. */
    @Test
    public void oneRowByHand() {
        Layer layer = layer(4);
        b.upload(new double[] {2, 2, 2, 2}, 0, layer.parameters().get(0).value());
        b.upload(new double[] {1, 1, 1, 1}, 0, layer.parameters().get(1).value());
        double s = 1 / Math.sqrt(3.5 + 1e-5);
        double[] expected = {2 * -2 * s + 1, 2 * -1 * s + 1, 1, 2 * 3 * s + 1};
        assertArrayEquals(expected, b.values(layer.forward(b.tensor(1, 4, 1, 2, 3, 6), true)), 1e-12);
    }

    /** Evaluation computes the same function as training, for any batch size (one example included), no buffers. */
    @Test
    public void evaluationEqualsTraining() {
        Layer layer = layer(3);
        b.upload(new double[] {0.5, 2, -1}, 0, layer.parameters().get(0).value());
        for (int rows : new int[] {1, 4}) {
            Tensor x = b.tensor(rows, 3, Stubs.random(rows * 3, rows, -3, 3));
            double[] train = b.values(layer.forward(x, true)).clone();
            assertArrayEquals(train, b.values(layer.forward(x, false)), 0);
        }
        assertTrue(layer.buffers().isEmpty());
    }
}
