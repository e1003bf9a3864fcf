package org.gradflow.core.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.health.LayerHealth;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.tensor.Precision;
import org.gradflow.core.nn.DenseLayer;
import org.gradflow.core.nn.TestFunctions;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/** The probe's activation statistics on layers whose pre-activations are set by hand. */
public class HealthProbeTest {
    private final ReferenceBackend b = new ReferenceBackend();

    private static final ActivationFunction RELU = new ActivationFunction() {
        @Override
        public double value(double x) {
            return Math.max(0, x);
        }

        @Override
        public double derivative(double x, double y) {
            return x > 0 ? 1 : 0;
        }
    };

    /** A 1-input dense layer whose pre-activation for input x is {@code w_j x + b_j}. */
    private DenseLayer dense(String name, ActivationFunction f, double[] w, double[] bias) {
        DenseLayer layer = new DenseLayer(name, 1, w.length, f, b, Precision.FLOAT64);
        b.copy(b.tensor(w.length, 1, w), layer.parameters().get(0).value());
        b.copy(b.tensor(1, bias.length, bias), layer.parameters().get(1).value());
        return layer;
    }

    @Test
    public void shapesOfTheUsualActivations() {
        double[] sigmoid = HealthProbe.shapeOf(TestFunctions.SIGMOID);
        assertEquals(0.25, sigmoid[0], 1e-12);
        assertEquals(1, sigmoid[1], 0);
        double[] tanh = HealthProbe.shapeOf(TestFunctions.TANH);
        assertEquals(1, tanh[0], 1e-12);
        assertEquals(1, tanh[1], 0);
        double[] relu = HealthProbe.shapeOf(RELU);
        assertEquals(1, relu[0], 0);
        assertEquals("relu is not bounded", 0, relu[1], 0);
    }

    @Test
    public void saturationDeadUnitsAndMomentsAreCountedAsDefined() {
        // sigmoid units with z = 10 x (saturated for |x| >= 0.6), 0.1 x (never), and -100 + 0 x (always)
        DenseLayer sig = dense("fc1", TestFunctions.SIGMOID, new double[] {10, 0.1, 0}, new double[] {0, 0, -100});
        // relu units: z = x (alive for x > 0), z = -1 (dead for every example)
        DenseLayer relu = dense("fc2", RELU, new double[] {1, 0}, new double[] {0, -1});
        for (Layer l : List.of(sig, relu)) {
            l.forward(b.tensor(4, 1, -1, -0.2, 0.3, 1), true);
        }
        Map<ActivationFunction, String> names = new IdentityHashMap<>();
        names.put(TestFunctions.SIGMOID, "sigmoid");
        names.put(RELU, "relu");
        HealthProbe probe = new HealthProbe(List.of(sig, relu), names, 0.01);
        Map<String, double[]> grads = new LinkedHashMap<>();
        grads.put("fc1", new double[] {1e-4, 0});
        grads.put("fc2", new double[] {0.5, 3});
        List<LayerHealth> h = probe.measure(grads);
        LayerHealth s = h.get(0);
        assertEquals("sigmoid", s.activation());
        assertTrue(s.bounded());
        assertEquals(2e-4, s.gradRatioToLast(), 1e-15);
        // saturated: unit 1 at x = -1 and 1 (|z| = 10 > 6.0), unit 3 always (z = -100): 6 of 12
        assertEquals(0.5, s.saturatedFraction(), 0);
        assertEquals("no sigmoid derivative is exactly 0 at z = -100", 0, s.deadFraction(), 0);
        LayerHealth r = h.get(1);
        assertEquals("relu", r.activation());
        assertTrue(Double.isNaN(r.saturatedFraction()));
        assertEquals("unit 2 is dead", 0.5, r.deadFraction(), 0);
        assertEquals(3, r.nonFinite());
        // relu outputs: unit 1: 0, 0, 0.3, 1; unit 2: 0 -> mean 1.3 / 8, |f'| ones: 2 of 8
        assertEquals(1.3 / 8, r.activationMean(), 1e-15);
        assertEquals(0.25, r.meanAbsDerivative(), 0);
        double mean = 1.3 / 8;
        assertEquals(Math.sqrt((0.09 + 1) / 8 - mean * mean), r.activationStd(), 1e-15);
        assertEquals(1, r.gradRatioToLast(), 0);
    }

    @Test
    public void aLayerWithoutObservationsHasNaNActivationFigures() {
        DenseLayer linear = dense("out", null, new double[] {1}, new double[] {0});
        linear.forward(b.tensor(2, 1, 1, 2), true);
        LayerHealth h = new HealthProbe(List.of(linear), Map.of(), 0.01).measure(Map.of("out", new double[] {2, 0})).get(0);
        assertEquals("", h.activation());
        assertTrue(Double.isNaN(h.deadFraction()) && Double.isNaN(h.activationMean()));
        assertEquals(1, h.gradRatioToLast(), 0);
    }
}
