package org.gradflow.pretrainers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.GradientCheck.Variable;
import org.junit.Test;

/**
 * Finite-difference checks of the autoencoder's gradients in double precision, tolerance 1e-6: first
 * {@link Reconstruction} alone (w.r.t. the code h, the decoder weight and the decoder bias), then the
 * whole per-layer loss of {@link AutoencoderTrainer} through a tanh layer (w.r.t. W, b, c and, untied,
 * D), with a fixed masking-noise mask. With tied weights {@code dL/dW} has two terms, the encoder's and
 * the decoder's; the check sees only their sum, which is the point.
 */
public class AutoencoderGradientTest {
    private static final int B = 5;
    private static final int IN = 4;
    private static final int OUT = 3;

    private static Parameter parameter(String name, int rows, int cols, Random random) {
        return new Parameter(name, Parameter.Role.WEIGHT, TestLayers.gaussian(rows, cols, random, 0.7),
                TestLayers.BACKEND.allocate(rows, cols, Precision.FLOAT64), cols, rows);
    }

    private static void checkReconstruction(boolean tied) {
        Random random = new Random(tied ? 1 : 2);
        Parameter weight = tied ? parameter("W", OUT, IN, random) : parameter("D", IN, OUT, random);
        Parameter bias = parameter("c", 1, IN, random);
        Tensor h = TestLayers.gaussian(B, OUT, random, 1);
        Tensor x = TestLayers.gaussian(B, IN, random, 1);
        Reconstruction r = new Reconstruction(weight, tied, bias);
        r.forward(h, x);
        double[] gh = TestLayers.values(r.backward());
        List<Variable> vars = List.of(new Variable("h", h, gh),
                new Variable(weight.name(), weight.value(), TestLayers.values(weight.gradient())),
                new Variable("c", bias.value(), TestLayers.values(bias.gradient())));
        double worst = GradientCheck.check("reconstruction tied=" + tied, vars, () -> r.forward(h, x),
                GradientCheck.TOLERANCE);
        assertTrue("worst relative error " + worst, worst <= GradientCheck.TOLERANCE);
    }

    @Test
    public void reconstructionTied() {
        checkReconstruction(true);
    }

    @Test
    public void reconstructionUntied() {
        checkReconstruction(false);
    }

    @Test
    public void reconstructionLossIsTheMeanSquaredError() {
        // h = [[1, 2]], D = [[1, 0], [0, 1], [1, 1]] (in=3, out=2), c = [0.5, 0, 0]: xhat = [1.5, 2, 3];
        // x = [1, 1, 1]: L = (0.25 + 1 + 4) / 3 = 1.75
        Parameter d = new Parameter("D", Parameter.Role.WEIGHT, TestLayers.tensor(3, 2, 1, 0, 0, 1, 1, 1),
                TestLayers.BACKEND.allocate(3, 2, Precision.FLOAT64), 2, 3);
        Parameter c = new Parameter("c", Parameter.Role.BIAS, TestLayers.tensor(1, 3, 0.5, 0, 0),
                TestLayers.BACKEND.allocate(1, 3, Precision.FLOAT64), 2, 3);
        Reconstruction r = new Reconstruction(d, false, c);
        assertEquals(1.75, r.forward(TestLayers.tensor(1, 2, 1, 2), TestLayers.tensor(1, 3, 1, 1, 1)), 1e-15);
    }

    private static void checkTrainer(boolean tied, double corruption) {
        Random random = new Random(tied ? 3 : 4);
        TestLayers.Dense layer = new TestLayers.Dense("fc1", IN, OUT, GateFunction.TANH, 7);
        AutoencoderTrainer trainer = new AutoencoderTrainer(layer, DenseParts.of(layer, 1, "autoencoder"), tied,
                corruption, 0.1, 0.9, random);
        // a decoder bias away from 0, so its gradient check is not trivial
        Parameter c = trainer.decoderParameters().get(trainer.decoderParameters().size() - 1);
        TestLayers.BACKEND.upload(new double[] {0.3, -0.2, 0.1, 0.4}, 0, c.value());
        Tensor x = TestLayers.gaussian(B, IN, random, 1);
        Tensor mask = null;
        if (corruption > 0) {
            mask = TestLayers.BACKEND.allocate(B, IN, Precision.FLOAT64);
            TestLayers.BACKEND.dropoutMask(1 - corruption, 1, 12345L, mask);
            double[] m = TestLayers.values(mask);
            double zeros = 0;
            for (double v : m) {
                zeros += v == 0 ? 1 : 0;
            }
            assertTrue("the fixed mask zeroes some inputs but not all: " + zeros, zeros > 0 && zeros < m.length);
        }
        Tensor fixedMask = mask;
        trainer.lossAndGradients(x, fixedMask);
        List<Parameter> checked = new ArrayList<>(layer.parameters());
        checked.addAll(trainer.decoderParameters());
        assertEquals(tied ? 3 : 4, checked.size());
        List<Variable> vars = new ArrayList<>();
        for (Parameter p : checked) {
            vars.add(new Variable(p.name(), p.value(), TestLayers.values(p.gradient())));
        }
        double worst = GradientCheck.check("autoencoder tied=" + tied + " corruption=" + corruption, vars,
                () -> trainer.lossAndGradients(x, fixedMask), GradientCheck.TOLERANCE);
        assertTrue("worst relative error " + worst, worst <= GradientCheck.TOLERANCE);
    }

    @Test
    public void layerAndTiedDecoder() {
        checkTrainer(true, 0);
    }

    @Test
    public void layerAndUntiedDecoder() {
        checkTrainer(false, 0);
    }

    @Test
    public void layerAndTiedDecoderWithMaskingNoise() {
        checkTrainer(true, 0.4);
    }

    @Test
    public void layerAndUntiedDecoderWithMaskingNoise() {
        checkTrainer(false, 0.4);
    }
}
