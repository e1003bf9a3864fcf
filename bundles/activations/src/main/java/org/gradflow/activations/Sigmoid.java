package org.gradflow.activations;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Logistic sigmoid, {@code f(x) = 1 / (1 + e^-x)}, with {@code f'(x) = y (1 - y)} where {@code y = f(x)}.
 *
 * <p>Numerically careful: for {@code x >= 0} it evaluates {@code 1 / (1 + e^-x)} and for {@code x < 0}
 * the equal form {@code e^x / (1 + e^x)}, so {@code e^t} is only taken of {@code t <= 0}: it never
 * overflows, {@code f(+-inf)} is exactly 1 or 0, and small outputs keep their relative precision. NaN
 * stays NaN.
 *
 * <p>{@code f'} is at most 1/4 (at 0) and tends to 0 on both sides: the textbook cause of vanishing
 * gradients in deep sigmoid networks (Glorot &amp; Bengio 2010). Reference: Rumelhart, Hinton &amp;
 * Williams, "Learning representations by back-propagating errors", Nature 1986.
 */
@Component(service = Activation.class)
@GradflowComponent(name = "sigmoid", description = "logistic sigmoid, 1 / (1 + e^-x)")
public final class Sigmoid implements Activation, ActivationFunction {

    @Override
    public ActivationFunction create(Settings settings) {
        return this;
    }

    @Override
    public double value(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x); // also reached by NaN, which propagates
        return e / (1 + e);
    }

    @Override
    public double derivative(double x, double y) {
        return y * (1 - y);
    }

    /** The standard {@code sigmoid}: a backend may compute it with its own kernel. */
    @Override
    public Form form() {
        return Form.SIGMOID;
    }
}
