package org.gradflow.pretrainers;

import static org.junit.Assert.assertArrayEquals;

import java.util.List;

import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Precision;
import org.junit.Test;

/**
 * Two hand-computed steps of {@link MomentumSgd} with lr 0.1, mu 0.9 and a constant gradient:
 *
 * <pre>
 * w = [1, 2], g = [0.5, -1]
 * step 1: v = g = [0.5, -1]                          w = [1 - 0.05, 2 + 0.1]     = [0.95, 2.1]
 * step 2: v = 0.9 [0.5, -1] + [0.5, -1] = [0.95, -1.9]  w = [0.95 - 0.095, 2.1 + 0.19] = [0.855, 2.29]
 * </pre>
 *
 * A frozen parameter with the same gradient keeps its value; zeroGradients clears both gradients.
 */
public class MomentumSgdTest {
    private static Parameter parameter(double... values) {
        Parameter p = new Parameter("p", Parameter.Role.WEIGHT, TestLayers.tensor(1, values.length, values),
                TestLayers.BACKEND.allocate(1, values.length, Precision.FLOAT64), 1, 1);
        TestLayers.BACKEND.upload(new double[] {0.5, -1}, 0, p.gradient());
        return p;
    }

    @Test
    public void twoStepsAndAFrozenParameter() {
        Parameter p = parameter(1, 2);
        Parameter frozen = parameter(1, 2);
        frozen.setFrozen(true);
        try (MomentumSgd sgd = new MomentumSgd(0.1, 0.9, List.of(p, frozen))) {
            sgd.step();
            assertArrayEquals(new double[] {0.95, 2.1}, TestLayers.values(p.value()), 1e-15);
            sgd.step();
            assertArrayEquals(new double[] {0.855, 2.29}, TestLayers.values(p.value()), 1e-15);
            assertArrayEquals("frozen", new double[] {1, 2}, TestLayers.values(frozen.value()), 0);
            sgd.zeroGradients();
            assertArrayEquals(new double[2], TestLayers.values(p.gradient()), 0);
            assertArrayEquals(new double[2], TestLayers.values(frozen.gradient()), 0);
        }
    }
}
