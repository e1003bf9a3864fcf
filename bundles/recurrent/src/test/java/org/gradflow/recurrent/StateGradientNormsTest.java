package org.gradflow.recurrent;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.TestTensors;
import org.junit.Test;

/** {@code RecurrentLayer.stateGradientNorms}: ||dL/dh_t|| per step, the view of gradients travelling back in time. */
public class StateGradientNormsTest {
    private static final int B = 3;
    private static final int F = 2;
    private static final int H = 4;
    private static final int T = 8;

    /**
     * {@code scale * Q}, Q = I - 2 v v^T / v^T v with v = (1, 2, 3, 4): a Householder reflection, so
     * orthogonal, and every singular value of the result is {@code scale}.
     */
    private static double[] scaledOrthogonal(double scale) {
        double[] v = {1, 2, 3, 4};
        double vv = 30;
        double[] q = new double[H * H];
        for (int i = 0; i < H; i++) {
            for (int j = 0; j < H; j++) {
                q[i * H + j] = scale * ((i == j ? 1 : 0) - 2 * v[i] * v[j] / vv);
            }
        }
        return q;
    }

    private static RnnLayer rnn(ActivationFunction f, double recurrentScale, boolean sequence, int window) {
        RnnLayer rnn = new RnnLayer(Fixtures.options("rnn1", F, H, T, sequence, window, false), f);
        TestTensors.randomize(rnn, 1);
        Fixtures.set(rnn.recurrentWeight(), scaledOrthogonal(recurrentScale));
        return rnn;
    }

    private static double[] record(SequenceLayer<?> layer, Tensor gradOutput) {
        layer.recordStateGradients(true);
        layer.forward(Fixtures.tensor(B, T * F, 2, 1.0), true);
        layer.backward(gradOutput);
        return layer.stateGradientNorms();
    }

    @Test
    public void nullUntilRecordedThenOnePerStepAndKeptWhenRecordingStops() {
        Fixtures.CELLS.forEach((name, cell) -> {
            SequenceLayer<?> layer = cell.apply(Fixtures.options("cell", F, H, T, false, 0, false));
            TestTensors.randomize(layer, 3);
            Tensor x = Fixtures.tensor(B, T * F, 4, 1.0);
            Tensor g = Fixtures.tensor(B, H, 5, 1.0);
            layer.forward(x, true);
            layer.backward(g);
            assertNull(name, layer.stateGradientNorms());
            double[] norms = record(layer, g);
            assertEquals(name, T, norms.length);
            assertEquals(name + ": the last state receives exactly the output gradient",
                    Fixtures.BACKEND.stats(g).l2(), norms[T - 1], 1e-15);
            for (double n : norms) {
                assertTrue(name + " " + n, n > 0);
            }
            layer.recordStateGradients(false);
            layer.forward(x, true);
            layer.backward(Fixtures.tensor(B, H, 6, 10.0));
            assertArrayEquals(name, norms, layer.stateGradientNorms(), 0);
            layer.close();
        });
    }

    /**
     * tanh has |f'| &lt;= 1 and W_hh = 0.5 Q has every singular value 0.5, so each step back
     * {@code ||dh_{t-1}|| = ||(dh_t ⊙ f'(a_t)) W_hh|| <= 0.5 ||dh_t||}: the gradient vanishes geometrically.
     */
    @Test
    public void smallRecurrentWeightWithTanhVanishesGoingBackInTime() {
        RnnLayer layer = rnn(Fixtures.TANH, 0.5, false, 0);
        double[] norms = record(layer, Fixtures.tensor(B, H, 7, 1.0));
        for (int t = 0; t < T - 1; t++) {
            assertTrue("step " + t + ": " + norms[t] + " vs " + norms[t + 1], norms[t] <= 0.5 * norms[t + 1] * (1 + 1e-12));
            assertTrue(norms[t] > 0);
        }
        assertTrue("vanished by 2^-7 at least: " + norms[0] + " vs " + norms[T - 1], norms[0] <= norms[T - 1] / 128);
        layer.close();
    }

    /** With the identity activation and W_hh = 1.5 Q, each step back multiplies the norm by exactly 1.5. */
    @Test
    public void largeOrthogonalRecurrentWeightWithIdentityExplodesGoingBackInTime() {
        RnnLayer layer = rnn(Fixtures.IDENTITY, 1.5, false, 0);
        double[] norms = record(layer, Fixtures.tensor(B, H, 7, 1.0));
        for (int t = 0; t < T - 1; t++) {
            assertEquals("step " + t, 1.5, norms[t] / norms[t + 1], 1e-12);
        }
        layer.close();
    }

    /** Many-to-many: each step's own output gradient adds to what comes from the step after it. */
    @Test
    public void manyToManyAddsTheOutputGradientOfEveryStep() {
        RnnLayer layer = rnn(Fixtures.IDENTITY, 0, true, 0);
        Tensor g = Fixtures.tensor(B, T * H, 8, 1.0);
        double[] norms = record(layer, g);
        // W_hh = 0: nothing flows between steps, so ||dh_t|| is the norm of the output gradient's block t.
        for (int t = 0; t < T; t++) {
            Tensor block = Fixtures.BACKEND.allocate(B, H, Precision.FLOAT64);
            Fixtures.BACKEND.copyColumns(g, t * H, block, 0, H, 0);
            assertEquals("step " + t, Fixtures.BACKEND.stats(block).l2(), norms[t], 1e-15);
        }
        layer.close();
    }

    /** Truncated many-to-one (T = 8, k = 3, last window steps 6-7): the steps before it receive nothing. */
    @Test
    public void truncationLeavesTheStepsBeforeTheLastWindowAtZero() {
        RnnLayer layer = rnn(Fixtures.TANH, 0.9, false, 3);
        double[] norms = record(layer, Fixtures.tensor(B, H, 7, 1.0));
        for (int t = 0; t < T; t++) {
            assertTrue("step " + t + ": " + norms[t], t < 6 ? norms[t] == 0 : norms[t] > 0);
        }
        layer.close();
    }
}
