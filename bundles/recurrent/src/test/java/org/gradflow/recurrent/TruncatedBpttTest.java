package org.gradflow.recurrent;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.TestTensors;
import org.junit.Test;

/** Truncated BPTT ({@code bptt-window=k}): what it cuts, what it keeps, and which gradient it computes. */
public class TruncatedBpttTest {
    private static final int F = 2;
    private static final int H = 3;
    private static final int T = 6;

    private static Map<String, double[]> gradients(Function<LayerOptions, SequenceLayer<?>> cell, boolean sequence,
            int window, boolean learnInitialState, int batch) {
        SequenceLayer<?> layer = cell.apply(Fixtures.options("cell", F, H, T, sequence, window, learnInitialState));
        TestTensors.randomize(layer, 3);
        Map<String, double[]> g = Fixtures.gradients(layer, Fixtures.tensor(batch, T * F, 4, 1.0),
                Fixtures.tensor(batch, layer.outputSize(), 5, 1.0));
        layer.close();
        return g;
    }

    @Test
    public void aWindowOfAtLeastTheSequenceLengthIsFullBptt() {
        Fixtures.CELLS.forEach((name, cell) -> {
            for (boolean sequence : new boolean[] {false, true}) {
                Map<String, double[]> full = gradients(cell, sequence, 0, true, 3);
                for (int window : new int[] {T, T + 3}) {
                    Map<String, double[]> truncated = gradients(cell, sequence, window, true, 3);
                    assertEquals(full.keySet(), truncated.keySet());
                    full.forEach((k, v) -> assertArrayEquals(name + " window " + window + " " + k, v,
                            truncated.get(k), 0));
                }
            }
        });
    }

    /** T = 6 and k = 4: the windows are steps 0-3 and 4-5; with k = 3, steps 0-2 and 3-5. */
    @Test
    public void manyToOneNothingReachesTheStepsBeforeTheLastWindow() {
        Fixtures.CELLS.forEach((name, cell) -> {
            Map<String, double[]> full = gradients(cell, false, 0, true, 3);
            for (int window : new int[] {4, 3}) {
                Map<String, double[]> truncated = gradients(cell, false, window, true, 3);
                int lastWindow = (T - 1) / window * window;
                double[] input = truncated.get("input");
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < T * F; c++) {
                        double v = input[r * T * F + c];
                        assertTrue(name + " k=" + window + " dL/dx[" + r + "," + c + "] = " + v,
                                c < lastWindow * F ? v == 0 : v != 0);
                    }
                }
                assertArrayEquals(name + ": nothing reaches the initial state", new double[H],
                        truncated.get("initial_state"), 0);
                for (String p : List.of("weight_ih", "weight_hh")) {
                    assertTrue(name + " k=" + window + ": " + p + " differs from full BPTT",
                            maxDifference(full.get(p), truncated.get(p)) > 1e-3);
                }
            }
        });
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /**
     * The truncated gradient is the exact gradient of the network cut into its windows, each window
     * starting from the state the full forward pass reached there, held constant. The check builds that
     * network from copies of the layer (one per window, whose learned initial state is set to that
     * state and not perturbed), all reading one set of weights, and compares the truncated layer's
     * gradients with its finite differences. Batch of 1, since an initial state is one row. Fixed seeds,
     * clear of the rounding-noise band described in GradientCheckTest.
     */
    @Test
    public void truncatedGradientIsTheGradientWithTheStateHeldConstantAtEachWindowStart() {
        Fixtures.CELLS.forEach((name, cell) -> {
            checkAgainstWindows(name, cell, false, 4);
            checkAgainstWindows(name, cell, true, 2);
        });
    }

    private static void checkAgainstWindows(String name, Function<LayerOptions, SequenceLayer<?>> cell,
            boolean sequence, int window) {
        SequenceLayer<?> layer = cell.apply(Fixtures.options("cell", F, H, T, sequence, window, false));
        TestTensors.randomize(layer, 7);
        Tensor x = Fixtures.tensor(1, T * F, 8, 1.0);
        double[] r = Fixtures.values(Fixtures.tensor(1, layer.outputSize(), 9, 1.0));
        Map<String, double[]> analytic = Fixtures.gradients(layer, x, Fixtures.BACKEND.tensor(1, r.length, r));

        List<SequenceLayer<?>> windows = new ArrayList<>();
        for (int start = 0; start < T; start += window) {
            int steps = Math.min(window, T - start);
            SequenceLayer<?> w = cell.apply(Fixtures.options("window", F, H, steps, sequence, 0, true));
            for (Parameter p : layer.parameters()) {
                Fixtures.BACKEND.copy(p.value(), Fixtures.parameter(w, p.name()).value());
            }
            List<Tensor> state = layer.stateAfter(start);
            for (int i = 0; i < state.size(); i++) {
                Fixtures.BACKEND.copy(state.get(i), w.initialStates.get(i).value());
            }
            windows.add(w);
        }
        SequenceLayer<?> shared = windows.get(0);
        DoubleSupplier loss = () -> {
            double sum = 0;
            for (int i = 0; i < windows.size(); i++) {
                SequenceLayer<?> w = windows.get(i);
                for (Parameter p : layer.parameters()) {
                    if (w != shared) {
                        Fixtures.BACKEND.copy(Fixtures.parameter(shared, p.name()).value(),
                                Fixtures.parameter(w, p.name()).value());
                    }
                }
                int start = i * window;
                Tensor xw = Fixtures.BACKEND.allocate(1, w.inputSize(), Precision.FLOAT64);
                Fixtures.BACKEND.copyColumns(x, start * F, xw, 0, w.inputSize(), 0);
                double[] y = Fixtures.values(w.forward(xw, true));
                if (sequence || i == windows.size() - 1) {
                    int offset = sequence ? start * H : 0;
                    for (int j = 0; j < y.length; j++) {
                        sum += y[j] * r[offset + j];
                    }
                }
            }
            return sum;
        };
        List<GradientCheck.Variable> variables = new ArrayList<>();
        variables.add(new GradientCheck.Variable("input", x, analytic.get("input")));
        for (Parameter p : layer.parameters()) {
            variables.add(new GradientCheck.Variable(p.name(), Fixtures.parameter(shared, p.name()).value(),
                    analytic.get(p.name())));
        }
        GradientCheck.check(name + " k=" + window + (sequence ? " many-to-many" : " many-to-one") + " vs windows "
                + Arrays.toString(windows.stream().mapToInt(SequenceLayer::steps).toArray()), variables, loss,
                GradientCheck.TOLERANCE);
        layer.close();
        windows.forEach(SequenceLayer::close);
    }
}
