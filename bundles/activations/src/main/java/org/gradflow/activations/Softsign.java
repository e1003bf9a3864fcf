package org.gradflow.activations;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Softsign, {@code f(x) = x / (1 + |x|)}, with {@code f'(x) = 1 / (1 + |x|)^2}.
 *
 * <p>Shaped like tanh (odd, range (-1, 1), {@code f'(0) = 1}) but it approaches its asymptotes
 * polynomially, not exponentially: at {@code x = 10} tanh' is about 8e-9 while softsign' is still
 * 1/121. Saturated units therefore keep passing some gradient, which Glorot &amp; Bengio found to help
 * deep networks train. {@code f'} is taken from x, not from y, so it keeps full precision where
 * {@code 1 - |y|} would cancel. {@code f(+-inf) = +-1} (the quotient would be inf/inf), {@code f'} is 0
 * there; NaN stays NaN. Reference: Glorot &amp; Bengio, "Understanding the difficulty of training deep
 * feedforward neural networks", AISTATS 2010 (after Bergstra et al., "Quadratic polynomials learn better
 * image features", 2009).
 */
@Component(service = Activation.class)
@GradflowComponent(name = "softsign", description = "x / (1 + |x|)")
public final class Softsign implements Activation, ActivationFunction {

    @Override
    public ActivationFunction create(Settings settings) {
        return this;
    }

    @Override
    public double value(double x) {
        if (Double.isInfinite(x)) {
            return Math.signum(x);
        }
        return x / (1 + Math.abs(x));
    }

    @Override
    public double derivative(double x, double y) {
        double d = 1 + Math.abs(x); // d * d overflows to inf for |x| > 1e154: f' = 0, as it should
        return 1 / (d * d);
    }
}
