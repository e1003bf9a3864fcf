package org.gradflow.recurrent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.function.Function;

import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.backend.ojalgo.OjAlgoBackend;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.TestTensors;
import org.junit.Test;

/**
 * The layers on the ojAlgo backend against the reference backend, same inputs and parameters:
 * outputs and every gradient element by element, with truncation (window 2) and learned initial states
 * on; a finite-difference check on ojAlgo itself (full BPTT, whose gradient is the true one); and
 * FLOAT32 against the FLOAT64 reference.
 */
public class OjAlgoBackendTest {
    private static final int B = 3;
    private static final int F = 2;
    private static final int H = 3;
    private static final int T = 5;
    private static final ComputeBackend OJALGO = new OjAlgoBackend();

    private static SequenceLayer<?> layer(Function<LayerOptions, SequenceLayer<?>> cell, ComputeBackend backend,
            Precision precision, boolean sequence, int window) {
        SequenceLayer<?> layer = cell.apply(new LayerOptions("cell", F, H, T, sequence, window, true, backend, precision));
        TestTensors.randomize(layer, 1);
        return layer;
    }

    private static Map<String, double[]> gradients(SequenceLayer<?> layer, ComputeBackend backend) {
        double[] x = Fixtures.values(Fixtures.tensor(B, T * F, 2, 1.0));
        double[] g = Fixtures.values(Fixtures.tensor(B, layer.outputSize(), 3, 1.0));
        Map<String, double[]> out = Fixtures.gradients(layer, upload(backend, layer.parameters().get(0), B, x),
                upload(backend, layer.parameters().get(0), B, g));
        out.put("output", Fixtures.values(layer.forward(upload(backend, layer.parameters().get(0), B, x), true)));
        return out;
    }

    private static Tensor upload(ComputeBackend backend, Parameter like, int rows, double[] values) {
        Tensor t = backend.allocate(rows, values.length / rows, like.value().precision());
        backend.upload(values, 0, t);
        return t;
    }

    private static void compare(String what, Map<String, double[]> expected, Map<String, double[]> actual, double tolerance) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, e) -> {
            double[] a = actual.get(k);
            for (int i = 0; i < e.length; i++) {
                assertEquals(what + " " + k + "[" + i + "]", e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])));
            }
        });
    }

    @Test
    public void float64MatchesTheReferenceElementByElement() {
        Fixtures.CELLS.forEach((name, cell) -> {
            for (boolean sequence : new boolean[] {false, true}) {
                compare(name, gradients(layer(cell, Fixtures.BACKEND, Precision.FLOAT64, sequence, 2), Fixtures.BACKEND),
                        gradients(layer(cell, OJALGO, Precision.FLOAT64, sequence, 2), OJALGO), 1e-13);
            }
        });
    }

    @Test
    public void float32StaysCloseToTheFloat64Reference() {
        Fixtures.CELLS.forEach((name, cell) -> compare(name + " float32",
                gradients(layer(cell, Fixtures.BACKEND, Precision.FLOAT64, true, 2), Fixtures.BACKEND),
                gradients(layer(cell, OJALGO, Precision.FLOAT32, true, 2), OJALGO), 1e-5));
    }

    @Test
    public void finiteDifferencesOnOjAlgo() {
        Fixtures.CELLS.forEach((name, cell) -> {
            SequenceLayer<?> layer = layer(cell, OJALGO, Precision.FLOAT64, true, 0);
            Tensor x = upload(OJALGO, layer.parameters().get(0), B, Fixtures.values(Fixtures.tensor(B, T * F, 4, 1.0)));
            double worst = GradientCheck.checkLayer(layer, x, 5, GradientCheck.TOLERANCE);
            assertTrue(name + " " + worst, worst <= GradientCheck.TOLERANCE);
            layer.close();
        });
    }
}
