package org.gradflow.pretrainers;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.tensor.Tensor;
import org.junit.Test;

/**
 * One CD-1 step of a 3-visible x 2-hidden RBM on a batch of 2, computed by hand. Every intermediate
 * value is computed again below with plain Java arithmetic (not the production code), and the numbers
 * are written out here so a reader can check them (s = logistic function):
 *
 * <pre>
 * W = [[0.2, -0.4, 0.1], [-0.3, 0.5, 0.6]]    b = [0.1, -0.2]    c = [0, 0, 0]    lr = 0.5, momentum 0.9
 * v0 = [[1, 0, 1], [0, 1, 1]]
 * ph0 = s(v0 W^T + b)  = s([[0.4, 0.1], [-0.2, 0.9]])
 *                      = [[0.598688, 0.524979], [0.450166, 0.710950]]
 * u   = 0.3, 0.8, 0.7, 0.2 (row-major)   h0 = [u < ph0] = [[1, 0], [0, 1]]
 * v1  = s(h0 W + c)    = s([[0.2, -0.4, 0.1], [-0.3, 0.5, 0.6]])
 *                      = [[0.549834, 0.401312, 0.524979], [0.425557, 0.622459, 0.645656]]
 * ph1 = s(v1 W^T + b)  = [[0.525463, 0.537602], [0.500173, 0.591690]]   (probabilities: last step of CD-1)
 * dW  = lr (ph0^T v0 - ph1^T v1) / 2 = [[0.024229, -0.018012, 0.112514], [-0.005603, 0.031725, 0.142918]]
 * db  = lr mean(ph0 - ph1)           = [0.005804, 0.026659]
 * dc  = lr mean(v0 - v1)             = [0.006152, -0.005943, 0.207341]
 * W'  = [[0.224229, -0.418012, 0.212514], [-0.305603, 0.531725, 0.742918]]
 * b'  = [0.105804, -0.173341]       c' = dc (c started at 0)
 * reported loss = mean((v0 - v1)^2) over 6 elements = 0.173090
 * </pre>
 *
 * The first momentum step is plain SGD (the velocity starts at 0), so the momentum does not enter.
 */
public class RbmCdStepTest {
    private static final double[][] W = {{0.2, -0.4, 0.1}, {-0.3, 0.5, 0.6}};
    private static final double[] B = {0.1, -0.2};
    private static final double[][] V0 = {{1, 0, 1}, {0, 1, 1}};
    private static final double[] U = {0.3, 0.8, 0.7, 0.2};
    private static final double LR = 0.5;

    /**
     * Hands out the uniforms {@link #U} from {@code nextDouble}, and makes shuffling the identity:
     * {@code nextInt(bound)} returns {@code bound - 1}, so Fisher-Yates swaps each index with itself.
     */
    private static final class ScriptedRandom extends Random {
        private static final long serialVersionUID = 1L;
        private final Deque<Double> uniforms = new ArrayDeque<>();

        ScriptedRandom(double... values) {
            for (double v : values) {
                uniforms.add(v);
            }
        }

        @Override
        public double nextDouble() {
            if (uniforms.isEmpty()) {
                throw new AssertionError("more uniforms drawn than CD-1 on this batch needs");
            }
            return uniforms.poll();
        }

        @Override
        public int nextInt(int bound) {
            return bound - 1;
        }
    }

    private static double s(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The expected W', b', c' and loss, computed from the definitions above. */
    private static final class Expected {
        final double[][] w = new double[2][3];
        final double[] b = new double[2];
        final double[] c = new double[3];
        final double loss;

        Expected() {
            double[][] ph0 = new double[2][2];
            double[][] h0 = new double[2][2];
            double[][] v1 = new double[2][3];
            double[][] ph1 = new double[2][2];
            for (int n = 0; n < 2; n++) {
                for (int j = 0; j < 2; j++) {
                    double z = B[j];
                    for (int i = 0; i < 3; i++) {
                        z += V0[n][i] * W[j][i];
                    }
                    ph0[n][j] = s(z);
                    h0[n][j] = U[n * 2 + j] < ph0[n][j] ? 1 : 0;
                }
            }
            assertArrayEquals("h0 row 0", new double[] {1, 0}, h0[0], 0);
            assertArrayEquals("h0 row 1", new double[] {0, 1}, h0[1], 0);
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < 3; i++) {
                    double z = 0; // c = 0
                    for (int j = 0; j < 2; j++) {
                        z += h0[n][j] * W[j][i];
                    }
                    v1[n][i] = s(z);
                }
                for (int j = 0; j < 2; j++) {
                    double z = B[j];
                    for (int i = 0; i < 3; i++) {
                        z += v1[n][i] * W[j][i];
                    }
                    ph1[n][j] = s(z);
                }
            }
            assertEquals("ph0[0][0]", 0.598688, ph0[0][0], 1e-6);
            assertEquals("v1[1][2]", 0.645656, v1[1][2], 1e-6);
            assertEquals("ph1[1][1]", 0.591690, ph1[1][1], 1e-6);
            double sq = 0;
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 3; i++) {
                    double pos = ph0[0][j] * V0[0][i] + ph0[1][j] * V0[1][i];
                    double neg = ph1[0][j] * v1[0][i] + ph1[1][j] * v1[1][i];
                    w[j][i] = W[j][i] + LR * (pos - neg) / 2;
                }
                b[j] = B[j] + LR * ((ph0[0][j] - ph1[0][j]) + (ph0[1][j] - ph1[1][j])) / 2;
            }
            for (int i = 0; i < 3; i++) {
                c[i] = LR * ((V0[0][i] - v1[0][i]) + (V0[1][i] - v1[1][i])) / 2;
                sq += (V0[0][i] - v1[0][i]) * (V0[0][i] - v1[0][i]) + (V0[1][i] - v1[1][i]) * (V0[1][i] - v1[1][i]);
            }
            loss = sq / 6;
            assertEquals("W'[1][2]", 0.742918, w[1][2], 1e-6);
            assertEquals("b'[1]", -0.173341, b[1], 1e-6);
            assertEquals("c'[2]", 0.207341, c[2], 1e-6);
            assertEquals("loss", 0.173090, loss, 1e-6);
        }
    }

    private static TestLayers.Dense layer() {
        TestLayers.Dense d = new TestLayers.Dense("fc1", 3, 2, GateFunction.SIGMOID, 0);
        TestLayers.BACKEND.upload(new double[] {0.2, -0.4, 0.1, -0.3, 0.5, 0.6}, 0, d.weight.value());
        TestLayers.BACKEND.upload(B, 0, d.bias.value());
        return d;
    }

    private static void assertLayer(Expected e, TestLayers.Dense d) {
        double[] w = TestLayers.values(d.weight.value());
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 3; i++) {
                assertEquals("W[" + j + "][" + i + "]", e.w[j][i], w[j * 3 + i], 1e-12);
            }
        }
        assertArrayEquals("b", e.b, TestLayers.values(d.bias.value()), 1e-12);
    }

    @Test
    public void oneStepOfTheTrainerMatchesTheHandComputation() {
        Expected e = new Expected();
        TestLayers.Dense d = layer();
        ScriptedRandom random = new ScriptedRandom(U);
        RbmTrainer trainer = new RbmTrainer(DenseParts.of(d, 1, "rbm"), 1, LR, 0.9, random, "the data", "fix");
        Tensor v0 = TestLayers.tensor(2, 3, 1, 0, 1, 0, 1, 1);
        double loss = trainer.step(v0);
        assertLayer(e, d);
        assertArrayEquals("c", e.c, TestLayers.values(trainer.visibleBias().value()), 1e-12);
        assertEquals("reported loss", e.loss, loss, 1e-12);
        assertArrayEquals("v0 is not modified", new double[] {1, 0, 1, 0, 1, 1}, TestLayers.values(v0), 0);
        trainer.close();
        assertArrayEquals("gradients left at 0", new double[6], TestLayers.values(d.weight.gradient()), 0);
    }

    @Test
    public void oneEpochThroughThePretrainerMatchesTheHandComputation() {
        Expected e = new Expected();
        TestLayers.Dense d = layer();
        TestLayers.Dense output = new TestLayers.Dense("out", 2, 1, null, 5);
        List<double[]> outputBefore = TestLayers.snapshot(output);
        TestContext context = new TestContext(new Rbm(), List.<Layer>of(d, output), new double[] {1, 0, 1, 0, 1, 1},
                Map.of("epochs", "1", "batch", "2", "learning-rate", "0.5", "momentum", "0.9", "k", "1"),
                new ScriptedRandom(U));
        new Rbm().pretrain(context);
        assertLayer(e, d);
        assertEquals("one report: layer 1, epoch 1", 1, context.reports.size());
        assertEquals(1, context.reports.get(0).layer());
        assertEquals(1, context.reports.get(0).epoch());
        assertEquals(e.loss, context.reports.get(0).loss(), 1e-12);
        List<double[]> outputAfter = TestLayers.snapshot(output);
        for (int i = 0; i < outputBefore.size(); i++) {
            assertArrayEquals("output layer untouched", outputBefore.get(i), outputAfter.get(i), 0);
        }
    }
}
