package org.gradflow.regularizers;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import java.util.Random;

import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.regularizer.RegularizationRule;
import org.gradflow.api.regularizer.Regularizer;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/**
 * {@code l2}, {@code l1} and {@code elastic-net} are made of backend operations; here they are checked
 * against the plain double loop of the elastic-net formula on random weights and gradients,
 * {@code lambda (r |w|_1 + (1 - r)/2 |w|^2)} with gradient {@code g + lambda (r sign(w) + (1 - r) w)}
 * ({@code l1} is r = 1, {@code l2} is r = 0), with exact zeros among the weights and scales from
 * 1e-6 to 1e3. And the two ends of elastic-net are the other two components, bit for bit.
 */
public class PenaltiesAgainstScalarTest {
    private final ReferenceBackend b = new ReferenceBackend();
    private final Random random = new Random(11);

    private static RegularizationRule rule(Regularizer r, Map<String, String> settings) {
        return r.create(Settings.validate("regularizer.x.", settings, r.parameters()));
    }

    private Parameter weight(int rows, int cols, double[] w, double[] g) {
        return new Parameter("weight", Parameter.Role.WEIGHT, b.tensor(rows, cols, w), b.tensor(rows, cols, g), cols,
                rows);
    }

    private double[] randomValues(int n, double scale, boolean withZeros) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = withZeros && random.nextInt(5) == 0 ? 0 : random.nextGaussian() * scale;
        }
        return out;
    }

    /** Checks one rule against the loop for lambda, r on a few random shapes. */
    private void check(String what, RegularizationRule rule, double lambda, double r) {
        int[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {5, 9}, {16, 33}};
        for (int[] s : shapes) {
            int n = s[0] * s[1];
            double scale = Math.pow(10, random.nextInt(10) - 6);
            double[] w = randomValues(n, scale, true);
            double[] g = randomValues(n, 1, false);
            double l1 = 0;
            double l2 = 0;
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                l1 += Math.abs(w[i]);
                l2 += w[i] * w[i];
                expected[i] = g[i] + lambda * (r * Math.signum(w[i]) + (1 - r) * w[i]);
            }
            double penalty = lambda * (r * l1 + (1 - r) / 2 * l2);
            Parameter p = weight(s[0], s[1], w, g);
            double got = rule.addPenalty(p);
            String where = what + " on " + s[0] + "x" + s[1] + ", scale " + scale;
            assertEquals(where + ": penalty", penalty, got, 1e-13 * Math.max(penalty, Double.MIN_NORMAL));
            double[] grad = b.values(p.gradient());
            for (int i = 0; i < n; i++) {
                assertEquals(where + ": gradient " + i, expected[i], grad[i], 1e-15 * (1 + Math.abs(expected[i])));
            }
        }
    }

    @Test
    public void matchTheElasticNetLoop() {
        for (double lambda : new double[] {1e-4, 0.3}) {
            String l = Double.toString(lambda);
            check("l2 " + l, rule(new L2(), Map.of("lambda", l)), lambda, 0);
            check("l1 " + l, rule(new L1(), Map.of("lambda", l)), lambda, 1);
            for (double r : new double[] {0, 0.1, 0.5, 1}) {
                check("elastic-net " + l + ", " + r,
                        rule(new ElasticNet(), Map.of("lambda", l, "l1-ratio", Double.toString(r))), lambda, r);
            }
        }
    }

    /** elastic-net with l1-ratio 1 is l1 and with 0 is l2, bit for bit: a zero term is skipped, not added. */
    @Test
    public void elasticNetEndsAreL1AndL2() {
        RegularizationRule l1 = rule(new L1(), Map.of("lambda", "0.01"));
        RegularizationRule l2 = rule(new L2(), Map.of("lambda", "0.01"));
        RegularizationRule en1 = rule(new ElasticNet(), Map.of("lambda", "0.01", "l1-ratio", "1"));
        RegularizationRule en0 = rule(new ElasticNet(), Map.of("lambda", "0.01", "l1-ratio", "0"));
        double[] w = randomValues(12, 1, true);
        double[] g = randomValues(12, 1, false);
        for (RegularizationRule[] pair : new RegularizationRule[][] {{l1, en1}, {l2, en0}}) {
            Parameter a = weight(3, 4, w, g);
            Parameter c = weight(3, 4, w, g);
            assertEquals(Double.doubleToRawLongBits(pair[0].addPenalty(a)), Double.doubleToRawLongBits(pair[1].addPenalty(c)));
            double[] ga = b.values(a.gradient());
            double[] gc = b.values(c.gradient());
            for (int i = 0; i < ga.length; i++) {
                assertEquals("element " + i, Double.doubleToRawLongBits(ga[i]), Double.doubleToRawLongBits(gc[i]));
            }
        }
    }

    /** lambda = 0 switches a penalty off: penalty 0, and the gradient is not even rewritten (-0 stays -0). */
    @Test
    public void zeroLambdaTouchesNothing() {
        double[] w = {1, -2, 0, 0.5};
        double[] g = {-0.0, 0.25, 0, -1};
        for (RegularizationRule rule : new RegularizationRule[] {rule(new L2(), Map.of("lambda", "0")),
            rule(new L1(), Map.of("lambda", "0")), rule(new ElasticNet(), Map.of("lambda", "0"))}) {
            Parameter p = weight(2, 2, w, g);
            assertEquals(0, rule.addPenalty(p), 0);
            double[] got = b.values(p.gradient());
            for (int i = 0; i < g.length; i++) {
                assertEquals("element " + i, Double.doubleToRawLongBits(g[i]), Double.doubleToRawLongBits(got[i]));
            }
        }
    }
}
