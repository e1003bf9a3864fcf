package org.gradflow.activations;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.activation.ActivationFunction.Form;
import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.component.Settings;
import org.junit.Test;

/**
 * {@link ActivationFunction#form()} is a promise a backend acts on (it then computes the function with its
 * own kernel): relu, sigmoid, tanh and identity declare their form and compute exactly the definition the
 * constant documents, to the bit, NaN, infinities and signed zeros included; every other activation declares
 * none.
 */
public class StandardFormTest {
    private static final Map<String, Form> FORMS = Map.of("relu", Form.RELU, "sigmoid", Form.SIGMOID, "tanh", Form.TANH,
            "identity", Form.IDENTITY);

    @Test
    public void exactlyTheStandardFunctionsDeclareTheirFormAndComputeIt() {
        Random random = new Random(3);
        double[] x = new double[200];
        double[] edges = {0, -0.0, 1, -1, 1e-310, -1e-310, 40, -40, 710, -750, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int i = 0; i < x.length; i++) {
            x[i] = i < edges.length ? edges[i] : 10 * random.nextGaussian();
        }
        for (ActivationCase c : ActivationCases.ALL) {
            ActivationFunction f = c.activation().create(Settings.validate("activation.", c.settings(), c.activation().parameters()));
            Form form = FORMS.getOrDefault(c.name(), Form.OTHER);
            assertEquals(c.name() + " form", form, f.form());
            for (double v : x) {
                double y = f.value(v);
                double[] expected = standard(form, v);
                if (expected != null) {
                    assertEquals(c.name() + " value at " + v, Double.doubleToLongBits(expected[0]), Double.doubleToLongBits(y));
                    assertEquals(c.name() + " derivative at " + v, Double.doubleToLongBits(expected[1]),
                            Double.doubleToLongBits(f.derivative(v, y)));
                }
            }
        }
    }

    /** {value, derivative} as the Form constant defines them; null for OTHER. */
    private static double[] standard(Form form, double x) {
        switch (form) {
        case IDENTITY:
            return new double[] {x, Double.isNaN(x) ? Double.NaN : 1};
        case RELU:
            return new double[] {Math.max(0.0, x), x > 0 ? 1 : x <= 0 ? 0 : Double.NaN};
        case SIGMOID: {
            double y = GateFunction.SIGMOID.value(x);
            return new double[] {y, y * (1 - y)};
        }
        case TANH: {
            double y = Math.tanh(x);
            return new double[] {y, 1 - y * y};
        }
        default:
            return null;
        }
    }
}
