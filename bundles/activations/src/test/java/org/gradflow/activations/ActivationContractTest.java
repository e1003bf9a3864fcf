package org.gradflow.activations;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.Settings;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/** The tests every activation must pass, run over each entry of {@link ActivationCases}. */
@RunWith(Parameterized.class)
public class ActivationContractTest {

    @Parameters(name = "{0}")
    public static List<ActivationCase> cases() {
        return ActivationCases.ALL;
    }

    @Parameter
    public ActivationCase c;

    private ActivationFunction f() {
        return c.activation().create(Settings.validate("activation.", c.settings(), c.activation().parameters()));
    }

    @Test
    public void derivativeMatchesFiniteDifferences() {
        GradientCheck.checkActivation(c.name(), f(), c.checkPoints());
    }

    @Test
    public void knownValues() {
        ActivationFunction f = f();
        for (double[] k : c.known()) {
            double x = k[0];
            double y = f.value(x);
            assertClose(c.name() + "(" + x + ")", k[1], y);
            assertClose(c.name() + "'(" + x + ")", k[2], f.derivative(x, y));
        }
    }

    private static void assertClose(String what, double expected, double actual) {
        if (!(expected == actual || Math.abs(expected - actual) <= 1e-12 * Math.abs(expected))) {
            fail(what + ": expected " + expected + ", got " + actual);
        }
    }

    /** Huge and infinite inputs: no overflow to NaN, values within the function's range, finite f'. */
    @Test
    public void extremesStayFiniteAndInRange() {
        ActivationFunction f = f();
        double[] extremes = {800, -800, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double x : extremes) {
            double y = f.value(x);
            assertFalse(c.name() + "(" + x + ") is NaN", Double.isNaN(y));
            assertTrue(c.name() + "(" + x + ") = " + y + " outside [" + c.lower() + ", " + c.upper() + "]",
                    y >= c.lower() && y <= c.upper());
            if (Double.isFinite(x)) {
                assertTrue(c.name() + "(" + x + ") = " + y + " overflowed", Double.isFinite(y) || Math.abs(x) > 1e308);
            }
            double d = f.derivative(x, y);
            assertTrue(c.name() + "'(" + x + ") = " + d + " is not finite", Double.isFinite(d));
        }
    }

    /** A NaN input must stay visible as NaN, never be turned into a number. */
    @Test
    public void nanPropagates() {
        ActivationFunction f = f();
        double y = f.value(Double.NaN);
        assertTrue(c.name() + "(NaN) = " + y, Double.isNaN(y));
        double d = f.derivative(Double.NaN, y);
        assertTrue(c.name() + "'(NaN) = " + d, Double.isNaN(d));
    }

    /** Through the reference backend: activate and activateBackward agree with value and derivative. */
    @Test
    public void throughReferenceBackend() {
        ActivationFunction f = f();
        ReferenceBackend b = new ReferenceBackend();
        double[] xs = {-2.5, -1.5, -0.5, 0.3, 0.7, 1.2, 2.5, 4}; // shape [2, 4]
        Tensor z = b.tensor(2, 4, xs);
        Tensor a = b.allocate(2, 4, Precision.FLOAT64);
        b.activate(f, z, a);
        double[] av = b.values(a);
        double[] r = new double[xs.length];
        Random random = new Random(7);
        for (int i = 0; i < r.length; i++) {
            r[i] = random.nextGaussian();
            assertEquals(c.name() + "(" + xs[i] + ")", f.value(xs[i]), av[i], 0);
        }
        Tensor gradA = b.tensor(2, 4, r);
        Tensor gradZ = b.allocate(2, 4, Precision.FLOAT64);
        b.activateBackward(f, z, a, gradA, gradZ);
        double[] gz = b.values(gradZ);
        for (int i = 0; i < r.length; i++) {
            assertEquals("dL/dz[" + i + "]", r[i] * f.derivative(xs[i], av[i]), gz[i], 0);
        }
        // loss = sum_i r_i f(z_i), so dL/dz = r * f'(z) = gradZ
        GradientCheck.check(c.name() + " on the reference backend",
                List.of(new GradientCheck.Variable("z", z, gz)),
                () -> {
                    b.activate(f, z, a);
                    double sum = 0;
                    double[] v = b.values(a);
                    for (int i = 0; i < v.length; i++) {
                        sum += r[i] * v[i];
                    }
                    return sum;
                },
                GradientCheck.TOLERANCE);
    }

    /** Settings out of range, or inconsistent with each other, are refused with a message naming them. */
    @Test
    public void badSettingsAreRefusedWithTheirKeys() {
        for (ActivationCase.Rejected bad : c.rejected()) {
            try {
                c.activation().create(Settings.validate("activation.", bad.settings(), c.activation().parameters()));
                fail(c.name() + " accepted " + bad.settings());
            } catch (ConfigurationException e) {
                assertTrue(bad.settings() + ": expected a message containing '" + bad.message() + "', got '"
                        + e.getMessage() + "'", e.getMessage().contains(bad.message()));
            }
        }
    }

    @Test
    public void unknownParameterIsNamed() {
        try {
            Settings.validate("activation.", Map.of("no-such-key", "1"), c.activation().parameters());
            fail("accepted an undeclared key");
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("activation.no-such-key"));
        }
    }
}
