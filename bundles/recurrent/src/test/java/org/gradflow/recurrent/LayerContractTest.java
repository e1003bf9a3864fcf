package org.gradflow.recurrent;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.TestTensors;
import org.junit.Test;

/** The {@code Layer} contract for every recurrent layer and the time-distributed output layer. */
public class LayerContractTest {
    private static final int F = 2;
    private static final int H = 3;
    private static final int T = 4;

    private static void forEachLayer(java.util.function.BiConsumer<String, Layer> test) {
        Fixtures.CELLS.forEach((name, cell) -> {
            for (boolean sequence : new boolean[] {false, true}) {
                Layer layer = cell.apply(Fixtures.options(name + "1", F, H, T, sequence, 2, true));
                TestTensors.randomize(layer, 1);
                test.accept(name + (sequence ? " many-to-many" : " many-to-one"), layer);
                layer.close();
            }
        });
        Layer out = new TimeDistributedDense("out", F, H, T, Fixtures.BACKEND, Precision.FLOAT64);
        TestTensors.randomize(out, 1);
        test.accept("time-distributed dense", out);
        out.close();
    }

    @Test
    public void withoutInputGradientTheParametersStillGetTheirs() {
        forEachLayer((name, layer) -> {
            Tensor x = Fixtures.tensor(3, layer.inputSize(), 2, 1.0);
            Tensor g = Fixtures.tensor(3, layer.outputSize(), 3, 1.0);
            Map<String, double[]> with = Fixtures.gradients(layer, x, g);
            layer.setInputGradientNeeded(false);
            for (Parameter p : layer.parameters()) {
                Fixtures.BACKEND.fill(p.gradient(), 0);
            }
            layer.forward(x, true);
            assertNull(name, layer.backward(g));
            for (Parameter p : layer.parameters()) {
                assertArrayEquals(name + " " + p.name(), with.get(p.name()), Fixtures.values(p.gradient()), 0);
            }
        });
    }

    @Test
    public void gradientsAccumulateAndFrozenParametersAreLeftAlone() {
        forEachLayer((name, layer) -> {
            Tensor x = Fixtures.tensor(3, layer.inputSize(), 2, 1.0);
            Tensor g = Fixtures.tensor(3, layer.outputSize(), 3, 1.0);
            Map<String, double[]> once = Fixtures.gradients(layer, x, g);
            Parameter frozen = layer.parameters().get(1);
            frozen.setFrozen(true);
            Fixtures.BACKEND.fill(frozen.gradient(), 0);
            layer.forward(x, true);
            layer.backward(g);
            for (Parameter p : layer.parameters()) {
                double[] expected = once.get(p.name()).clone();
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = p == frozen ? 0 : 2 * expected[i];
                }
                assertArrayEquals(name + " " + p.name(), expected, Fixtures.values(p.gradient()), 1e-12);
            }
        });
    }

    @Test
    public void buffersArePerBatchSizeAndReused() {
        forEachLayer((name, layer) -> {
            Tensor y3 = layer.forward(Fixtures.tensor(3, layer.inputSize(), 1, 1.0), true);
            Tensor g3 = layer.backward(Fixtures.tensor(3, layer.outputSize(), 2, 1.0));
            Tensor y5 = layer.forward(Fixtures.tensor(5, layer.inputSize(), 1, 1.0), false);
            assertEquals(name, 5, y5.rows());
            assertNotSame(name, y3, y5);
            assertSame(name, y3, layer.forward(Fixtures.tensor(3, layer.inputSize(), 3, 1.0), true));
            assertSame(name, g3, layer.backward(Fixtures.tensor(3, layer.outputSize(), 4, 1.0)));
        });
    }

    @Test
    public void evaluationComputesTheSameOutput() {
        forEachLayer((name, layer) -> {
            Tensor x = Fixtures.tensor(2, layer.inputSize(), 5, 1.0);
            double[] training = Fixtures.values(layer.forward(x, true));
            assertArrayEquals(name, training, Fixtures.values(layer.forward(x, false)), 0);
        });
    }

    @Test
    public void misuseIsReportedWithTheShapes() {
        forEachLayer((name, layer) -> {
            try {
                layer.backward(Fixtures.tensor(3, layer.outputSize(), 1, 1.0));
                fail(name + ": backward before forward");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("backward without a matching forward"));
            }
            try {
                layer.forward(Fixtures.tensor(3, layer.inputSize() + 1, 1, 1.0), true);
                fail(name + ": wrong input width");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(T + " steps x "));
            }
        });
    }
}
