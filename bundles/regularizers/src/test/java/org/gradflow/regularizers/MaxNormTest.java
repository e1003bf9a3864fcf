package org.gradflow.regularizers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Random;

import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.regularizer.RegularizationRule;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/**
 * {@code max-norm} on random weight matrices whose rows straddle the bound: after {@code constrain}
 * every row norm is at most c (to rounding: the rescaled row's norm is computed again in floating point),
 * every row that was within the bound is bit for bit as it was, and every long row kept its direction.
 */
public class MaxNormTest {
    private final ReferenceBackend b = new ReferenceBackend();

    private static RegularizationRule rule(double c) {
        MaxNorm m = new MaxNorm();
        return m.create(Settings.validate("regularizer.max-norm.", Map.of("max-norm", Double.toString(c)), m.parameters()));
    }

    private static double rowNorm(double[] m, int cols, int r) {
        double s = 0;
        for (int j = 0; j < cols; j++) {
            s += m[r * cols + j] * m[r * cols + j];
        }
        return Math.sqrt(s);
    }

    private void checkRandom(Precision precision, double relTol) {
        Random random = new Random(3);
        int[][] shapes = {{1, 1}, {1, 10}, {10, 1}, {8, 5}, {64, 33}};
        for (double c : new double[] {0.5, 3, 4}) {
            RegularizationRule rule = rule(c);
            for (int[] s : shapes) {
                int rows = s[0];
                int cols = s[1];
                double[] w = new double[rows * cols];
                for (int i = 0; i < rows; i++) {
                    // row norms from about c/30 to 30c, so about half the rows are long
                    double scale = c * Math.exp(random.nextGaussian() * 1.7) / Math.sqrt(cols);
                    for (int j = 0; j < cols; j++) {
                        w[i * cols + j] = random.nextGaussian() * scale;
                    }
                }
                Tensor value = b.allocate(rows, cols, precision);
                b.upload(w, 0, value);
                double[] before = b.values(value);
                Parameter p = new Parameter("weight", Parameter.Role.WEIGHT, value, b.allocate(rows, cols, precision),
                        cols, rows);
                assertEquals("no penalty", 0, rule.addPenalty(p), 0);
                rule.constrain(p);
                double[] after = b.values(value);
                for (int i = 0; i < rows; i++) {
                    String where = precision + " c=" + c + " " + rows + "x" + cols + " row " + i;
                    double nBefore = rowNorm(before, cols, i);
                    double nAfter = rowNorm(after, cols, i);
                    assertTrue(where + ": norm " + nAfter + " > " + c, nAfter <= c * (1 + relTol));
                    for (int j = 0; j < cols; j++) {
                        double x = before[i * cols + j];
                        double y = after[i * cols + j];
                        if (nBefore <= c) {
                            assertEquals(where + ": short row must be bit-identical", Double.doubleToRawLongBits(x),
                                    Double.doubleToRawLongBits(y));
                        } else {
                            assertEquals(where + ": direction kept", x * (c / nBefore), y, relTol * c);
                        }
                    }
                    if (nBefore > c) {
                        assertEquals(where + ": long row lands on the sphere", c, nAfter, relTol * c);
                    }
                }
            }
        }
    }

    @Test
    public void everyRowWithinTheBallAndShortRowsBitIdentical() {
        checkRandom(Precision.FLOAT64, 1e-15);
    }

    @Test
    public void float32Rows() {
        checkRandom(Precision.FLOAT32, 1e-6);
    }

    /** Biases, self-initialized and frozen weights are not constrained however long their rows. */
    @Test
    public void onlyTrainableWeights() {
        RegularizationRule rule = rule(1);
        for (Parameter.Role role : Parameter.Role.values()) {
            Parameter p = new Parameter("p", role, b.tensor(1, 2, 30, 40), b.tensor(1, 2, 0, 0), 2, 1);
            p.setFrozen(role == Parameter.Role.WEIGHT);
            rule.constrain(p);
            double[] v = b.values(p.value());
            assertEquals(role + ": unchanged", 30, v[0], 0);
            assertEquals(role + ": unchanged", 40, v[1], 0);
        }
    }
}
