package org.gradflow.sample.mish;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.DoubleStream;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.Settings;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/** What a third-party activation should test: derivative, known values, extremes, NaN, a backend pass. */
public class MishTest {
    private final Mish mish = new Mish();
    private final ActivationFunction f = mish.create(Settings.validate("activation.", Map.of(), mish.parameters()));

    @Test
    public void derivativeMatchesFiniteDifferences() {
        double[] xs = DoubleStream.iterate(-8, x -> x + 0.25).limit(65).toArray(); // -8 .. 8
        GradientCheck.checkActivation("mish", f, xs);
        GradientCheck.checkActivation("mish", f, 20, 30, -1.19, -1.2, 1e-3, -1e-3);
    }

    /** {x, f(x), f'(x)} computed independently with mpmath at 40 digits. */
    @Test
    public void knownValues() {
        double[][] known = {
            {0, 0, 0.6},
            {1, 0.86509838826731034612, 1.0490362200997921591},
            {-1, -0.30340146137410891807, 0.059216755877394948006},
            {2, 1.9439589595339945203, 1.0693179342794896846},
            {-2, -0.25250148269570886364, -0.10835509242039394283},
            {10, 9.9999999587806704305, 1.0000000783129834728},
            {-20, -4.1223072406287614006e-8, -3.9161918743489690753e-8},
        };
        for (double[] k : known) {
            double y = f.value(k[0]);
            assertEquals("mish(" + k[0] + ")", k[1], y, 1e-14 * Math.abs(k[1]));
            assertEquals("mish'(" + k[0] + ")", k[2], f.derivative(k[0], y), 1e-13 * Math.abs(k[2]));
        }
    }

    /** No overflow or NaN at huge or infinite inputs; values stay above the minimum -0.309. */
    @Test
    public void extremesStayFinite() {
        double[] extremes = {800, -800, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double x : extremes) {
            double y = f.value(x);
            assertTrue("mish(" + x + ") = " + y, y >= -0.31 && !Double.isNaN(y));
            assertTrue("mish(" + x + ") overflowed", Double.isFinite(y) || Double.isInfinite(x));
            double d = f.derivative(x, y);
            assertTrue("mish'(" + x + ") = " + d, Double.isFinite(d));
        }
        assertEquals(Double.POSITIVE_INFINITY, f.value(Double.POSITIVE_INFINITY), 0);
        assertEquals(1, f.derivative(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY), 0);
        assertEquals(0, f.value(Double.NEGATIVE_INFINITY), 0);
        assertEquals(0, f.derivative(Double.NEGATIVE_INFINITY, 0), 0);
        assertEquals(1e300, f.value(1e300), 0);
    }

    @Test
    public void nanPropagates() {
        assertTrue(Double.isNaN(f.value(Double.NaN)));
        assertTrue(Double.isNaN(f.derivative(Double.NaN, Double.NaN)));
    }

    /** loss = sum r_i mish(z_i) through the reference backend's activate / activateBackward. */
    @Test
    public void throughReferenceBackend() {
        ReferenceBackend b = new ReferenceBackend();
        double[] xs = {-2.5, -1.5, -0.5, 0.3, 0.7, 1.2, 2.5, 4};
        Tensor z = b.tensor(2, 4, xs);
        Tensor a = b.allocate(2, 4, Precision.FLOAT64);
        b.activate(f, z, a);
        double[] r = new Random(7).doubles(xs.length, -1, 1).toArray();
        Tensor gradZ = b.allocate(2, 4, Precision.FLOAT64);
        b.activateBackward(f, z, a, b.tensor(2, 4, r), gradZ);
        GradientCheck.check("mish on the reference backend",
                List.of(new GradientCheck.Variable("z", z, b.values(gradZ))),
                () -> {
                    b.activate(f, z, a);
                    double[] v = b.values(a);
                    double sum = 0;
                    for (int i = 0; i < v.length; i++) {
                        sum += r[i] * v[i];
                    }
                    return sum;
                },
                GradientCheck.TOLERANCE);
    }

    @Test
    public void takesNoParameters() {
        assertTrue(mish.parameters().isEmpty());
        try {
            Settings.validate("activation.", Map.of("beta", "1"), mish.parameters());
            fail("accepted an undeclared key");
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("activation.beta"));
        }
    }
}
