package org.gradflow.optimizers;

import static org.junit.Assert.assertEquals;

import java.util.Random;

import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.optimizer.UpdateRule;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/**
 * {@link Adadelta} takes its numerator's square root as {@code x / sqrt(x)}; over many steps of random
 * gradients (scales 1e-6 to 1e3) it must stay within rounding of the paper's formula written with
 * {@link Math#sqrt}.
 */
public class AdadeltaAgainstScalarTest {

    @Test
    public void hundredStepsMatchThePlainLoop() {
        ReferenceBackend b = new ReferenceBackend();
        Random random = new Random(3);
        int n = 50;
        double rho = 0.9;
        double eps = 1e-6;
        double[] w = new double[n];
        double[] a = new double[n];
        double[] d = new double[n];
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = random.nextGaussian();
            scale[i] = Math.pow(10, random.nextInt(10) - 6);
        }
        Tensor value = b.allocate(1, n, Precision.FLOAT64);
        b.upload(w, 0, value);
        Parameter p = new Parameter("w", Parameter.Role.WEIGHT, value, b.allocate(1, n, Precision.FLOAT64), n, 1);
        UpdateRule rule = new Adadelta().create(Settings.empty());
        double[] g = new double[n];
        for (int t = 1; t <= 100; t++) {
            for (int i = 0; i < n; i++) {
                g[i] = random.nextGaussian() * scale[i];
                a[i] = rho * a[i] + (1 - rho) * g[i] * g[i];
                double dx = -Math.sqrt(d[i] + eps) / Math.sqrt(a[i] + eps) * g[i];
                d[i] = rho * d[i] + (1 - rho) * dx * dx;
                w[i] += dx;
            }
            b.upload(g, 0, p.gradient());
            rule.update(p, t, 1);
        }
        double[] got = b.values(value);
        for (int i = 0; i < n; i++) {
            assertEquals("element " + i, w[i], got[i], 1e-12 * Math.max(1, Math.abs(w[i])));
        }
    }
}
