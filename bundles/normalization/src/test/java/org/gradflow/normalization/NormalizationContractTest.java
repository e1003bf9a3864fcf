package org.gradflow.normalization;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** The tests every normalization must pass, run over each entry of {@link NormalizationCases}. */
@RunWith(Parameterized.class)
public class NormalizationContractTest {
    private static final int C = 4;

    @Parameters(name = "{0}")
    public static List<NormalizationCase> cases() {
        return NormalizationCases.ALL;
    }

    @Parameterized.Parameter
    public NormalizationCase c;

    private final ReferenceBackend b = new ReferenceBackend();

    private Layer layer(Map<String, String> settings) {
        return Stubs.layer(b, c.normalization(), C, settings);
    }

    /** gamma and beta set to random values away from 1 and 0, so the check sees their effect. */
    private Layer layerWithRandomScaleAndShift(Map<String, String> settings, long seed) {
        Layer layer = layer(settings);
        b.upload(Stubs.random(C, seed, 0.5, 2), 0, layer.parameters().get(0).value());
        b.upload(Stubs.random(C, seed + 1, -1, 1), 0, layer.parameters().get(1).value());
        return layer;
    }

    private Tensor input(int rows, long seed) {
        return b.tensor(rows, C, Stubs.random(rows * C, seed, -2, 3));
    }

    @Test
    public void parametersAreSelfInitializedScaleAndShift() {
        Layer layer = layer(Map.of());
        assertEquals("norm1", layer.name());
        assertEquals(C, layer.inputSize());
        assertEquals(C, layer.outputSize());
        List<Parameter> ps = layer.parameters();
        assertEquals(2, ps.size());
        double[][] initial = {{1, 1, 1, 1}, {0, 0, 0, 0}};
        String[] names = {"weight", "bias"};
        for (int i = 0; i < 2; i++) {
            Parameter p = ps.get(i);
            assertEquals(names[i], p.name());
            assertEquals(Parameter.Role.SELF_INITIALIZED, p.role());
            assertEquals(1, p.value().rows());
            assertEquals(C, p.value().cols());
            assertEquals(C, p.fanIn());
            assertEquals(C, p.fanOut());
            assertArrayEquals(p.name(), initial[i], b.values(p.value()), 0);
            assertArrayEquals(p.name(), new double[C], b.values(p.gradient()), 0);
        }
        assertEquals(c.buffers(), new ArrayList<>(layer.buffers().keySet()));
        layer.close();
    }

    @Test
    public void parametersAreDeclaredWithDefaults() {
        List<String> declared = new ArrayList<>();
        for (ParameterSpec p : c.normalization().parameters()) {
            declared.add(p.name() + "=" + p.defaultValue());
        }
        assertEquals(c.defaults(), declared);
    }

    @Test
    public void badParametersAreRejectedByName() {
        assertTrue(!c.bad().isEmpty());
        for (NormalizationCase.Bad bad : c.bad()) {
            try {
                Settings.validate(NormalizationCase.PREFIX, Map.of(bad.key(), bad.value()),
                        c.normalization().parameters());
                fail(c.name() + " accepted " + bad);
            } catch (ConfigurationException e) {
                String m = e.getMessage();
                assertTrue(m, m.contains(NormalizationCase.PREFIX + bad.key() + "=" + bad.value()));
                assertTrue(m, m.contains("allowed " + bad.allowed()));
            }
        }
    }

    /**
     * Training mode, finite differences on input, weight and bias, with non-trivial gamma and beta,
     * two batch sizes (each with its own buffers) and two eps (the default, and a large one whose
     * effect on s = 1 / sqrt(var + eps) the backward must get right).
     */
    @Test
    public void gradientCheckInTraining() {
        for (String eps : new String[] {"1e-5", "0.5"}) {
            Layer layer = layerWithRandomScaleAndShift(Map.of("eps", eps), 11);
            for (int rows : new int[] {3, 6}) {
                double worst = GradientCheck.checkLayer(layer, input(rows, rows), 5, GradientCheck.TOLERANCE);
                assertTrue("eps " + eps + ", B " + rows + ": worst relative error " + worst,
                        worst <= GradientCheck.TOLERANCE);
            }
        }
    }

    /** backward adds into the parameter gradients: twice the same backward gives twice the gradient. */
    @Test
    public void backwardAccumulatesParameterGradients() {
        Layer layer = layerWithRandomScaleAndShift(Map.of(), 3);
        Tensor gy = input(5, 8);
        layer.forward(input(5, 7), true);
        double[] gx1 = b.values(layer.backward(gy)).clone();
        double[] once0 = b.values(layer.parameters().get(0).gradient()).clone();
        double[] once1 = b.values(layer.parameters().get(1).gradient()).clone();
        double[] gx2 = b.values(layer.backward(gy));
        assertArrayEquals("input gradient is set, not added", gx1, gx2, 0);
        for (int j = 0; j < C; j++) {
            assertEquals(2 * once0[j], b.values(layer.parameters().get(0).gradient())[j], 1e-12);
            assertEquals(2 * once1[j], b.values(layer.parameters().get(1).gradient())[j], 1e-12);
        }
    }

    /** An evaluation forward (another batch size, or the same) between forward and backward changes nothing. */
    @Test
    public void evaluationForwardDoesNotDisturbBackward() {
        Tensor x = input(4, 1);
        Tensor gy = input(4, 2);
        Layer plain = layerWithRandomScaleAndShift(Map.of(), 9);
        plain.forward(x, true);
        double[] expected = b.values(plain.backward(gy)).clone();
        Layer other = layerWithRandomScaleAndShift(Map.of(), 9);
        other.forward(x, true);
        other.forward(input(4, 3), false);
        other.forward(input(1, 4), false);
        assertArrayEquals(expected, b.values(other.backward(gy)), 0);
        assertArrayEquals(b.values(plain.parameters().get(0).gradient()),
                b.values(other.parameters().get(0).gradient()), 0);
    }

    /** Without the input gradient backward returns null but still accumulates the parameter gradients. */
    @Test
    public void inputGradientCanBeSkipped() {
        Layer layer = layerWithRandomScaleAndShift(Map.of(), 4);
        layer.setInputGradientNeeded(false);
        layer.forward(input(3, 1), true);
        assertNull(layer.backward(input(3, 2)));
        double[] gBeta = b.values(layer.parameters().get(1).gradient());
        assertTrue("beta gradient accumulated", gBeta[0] != 0);
    }

    @Test
    public void buffersAreReusedPerBatchSize() {
        Layer layer = layer(Map.of());
        Tensor four = layer.forward(input(4, 1), true);
        Tensor two = layer.forward(input(2, 2), true);
        assertNotSame(four, two);
        assertSame(four, layer.forward(input(4, 3), true));
        Tensor g = layer.backward(input(4, 4));
        layer.forward(input(4, 5), true);
        assertSame(g, layer.backward(input(4, 6)));
        layer.close();
    }

    @Test
    public void misuseIsRejectedWithTheLayerName() {
        Layer layer = layer(Map.of());
        try {
            layer.forward(b.tensor(2, 3, 1, 2, 3, 4, 5, 6), true);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("norm1: expected 4 input features, got 3"));
        }
        layer.forward(input(2, 1), false);
        try {
            layer.backward(input(2, 1));
            fail("backward after an evaluation forward only");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("norm1"));
        }
    }
}
