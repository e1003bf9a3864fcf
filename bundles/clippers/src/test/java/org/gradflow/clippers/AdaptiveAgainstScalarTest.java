package org.gradflow.clippers;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.clipper.ClipResult;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/**
 * {@link Adaptive} composes row norms, square roots and a row broadcast from backend operations; here
 * it is checked against the plain double loop of the paper's equation on random parameters, with
 * zero weight rows (the {@code eps} floor), zero gradient rows, and gradient scales from 1e-8 to 1e8.
 */
public class AdaptiveAgainstScalarTest {
    private final ReferenceBackend b = new ReferenceBackend();

    /** The paper's rule, row by row in double precision. */
    private static double[] scalar(int rows, int cols, double[] w, double[] g, double lambda, double eps) {
        double[] out = g.clone();
        for (int i = 0; i < rows; i++) {
            double nw = 0;
            double ng = 0;
            for (int j = 0; j < cols; j++) {
                nw += w[i * cols + j] * w[i * cols + j];
                ng += g[i * cols + j] * g[i * cols + j];
            }
            double cap = lambda * Math.max(Math.sqrt(nw), eps);
            if (Math.sqrt(ng) > cap) {
                for (int j = 0; j < cols; j++) {
                    out[i * cols + j] = g[i * cols + j] * cap / Math.sqrt(ng);
                }
            }
        }
        return out;
    }

    @Test
    public void matchesThePlainLoop() {
        Random random = new Random(7);
        int[][] shapes = {{1, 1}, {1, 9}, {9, 1}, {5, 7}, {32, 17}};
        for (double lambda : new double[] {0.01, 0.3}) {
            for (double eps : new double[] {1e-3, 1e-9}) {
                Adaptive clipper = new Adaptive();
                var rule = clipper.create(Settings.validate("clipper.",
                        Map.of("lambda", Double.toString(lambda), "eps", Double.toString(eps)), clipper.parameters()));
                for (int[] s : shapes) {
                    int rows = s[0];
                    int cols = s[1];
                    double[] w = new double[rows * cols];
                    double[] g = new double[rows * cols];
                    double gScale = Math.pow(10, random.nextInt(17) - 8);
                    for (int i = 0; i < rows; i++) {
                        boolean zeroW = random.nextInt(4) == 0;
                        boolean zeroG = random.nextInt(6) == 0;
                        for (int j = 0; j < cols; j++) {
                            w[i * cols + j] = zeroW ? 0 : random.nextGaussian();
                            g[i * cols + j] = zeroG ? 0 : random.nextGaussian() * gScale * Math.exp(random.nextGaussian());
                        }
                    }
                    Tensor value = b.tensor(rows, cols, w);
                    Tensor grad = b.tensor(rows, cols, g);
                    ClipResult r = rule.clip(List.of(new Parameter("w", Parameter.Role.WEIGHT, value, grad, cols, rows)));
                    double[] expected = scalar(rows, cols, w, g, lambda, eps);
                    double[] got = b.values(grad);
                    boolean changed = false;
                    for (int k = 0; k < g.length; k++) {
                        String what = rows + "x" + cols + " lambda " + lambda + " eps " + eps + " element " + k;
                        assertEquals(what, expected[k], got[k], 1e-13 * Math.abs(expected[k]));
                        changed |= expected[k] != g[k];
                    }
                    assertEquals("clipped", changed, r.clipped());
                }
            }
        }
    }

    /** FLOAT32 weights and gradients: the same rule to float rounding. */
    @Test
    public void float32MatchesThePlainLoop() {
        Random random = new Random(11);
        int rows = 6;
        int cols = 4;
        double[] w = new double[rows * cols];
        double[] g = new double[rows * cols];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (k < cols ? 0 : random.nextGaussian());
            g[k] = (float) (random.nextGaussian() * 0.1);
        }
        Tensor value = b.allocate(rows, cols, Precision.FLOAT32);
        Tensor grad = b.allocate(rows, cols, Precision.FLOAT32);
        b.upload(w, 0, value);
        b.upload(g, 0, grad);
        new Adaptive().create(Settings.empty())
                .clip(List.of(new Parameter("w", Parameter.Role.WEIGHT, value, grad, cols, rows)));
        double[] expected = scalar(rows, cols, w, g, 0.01, 1e-3);
        double[] got = b.values(grad);
        for (int k = 0; k < g.length; k++) {
            assertEquals("element " + k, expected[k], got[k], 1e-6 * Math.abs(expected[k]));
        }
    }
}
