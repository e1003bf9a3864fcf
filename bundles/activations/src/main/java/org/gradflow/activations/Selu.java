package org.gradflow.activations;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Scaled exponential linear unit, {@code f(x) = lambda x} for {@code x > 0} and
 * {@code lambda alpha (e^x - 1)} for {@code x <= 0}, with {@code f'(x) = lambda} for {@code x > 0} and
 * {@code lambda alpha e^x} for {@code x <= 0} (so {@code f'(0) = lambda alpha}, as in PyTorch), where
 * <pre>
 * lambda = 1.0507009873554804934...   alpha = 1.6732632423543772848...
 * </pre>
 * are fixed, not parameters: they are the unique values for which zero mean and unit variance is a
 * stable fixed point of the map from one layer's activation moments to the next (Klambauer et al.,
 * eq. 14), for weights with mean 0 and variance {@code 1 / fanIn}. With {@code lecun-normal}
 * initialization, activations of a deep fully connected SELU network converge towards mean 0 and
 * variance 1 on their own, so gradients neither vanish nor explode (their Theorem 2 and 3 bound the
 * variance from above and below). The range is {@code [-lambda alpha, inf)}, {@code -lambda alpha =
 * -1.7581}. Reference: Klambauer, Unterthiner, Mayr &amp; Hochreiter, "Self-Normalizing Neural
 * Networks", NeurIPS 2017.
 */
@Component(service = Activation.class)
@GradflowComponent(name = "selu", description = "lambda * elu(x, alpha), self-normalizing (Klambauer 2017)")
public final class Selu implements Activation, ActivationFunction {
    static final double LAMBDA = 1.0507009873554804934193349852946;
    static final double ALPHA = 1.6732632423543772848170429916717;

    @Override
    public ActivationFunction create(Settings settings) {
        return this;
    }

    @Override
    public double value(double x) {
        return x > 0 ? LAMBDA * x : LAMBDA * (ALPHA * Math.expm1(x)); // NaN stays NaN
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? LAMBDA : LAMBDA * (ALPHA * Math.exp(x));
    }
}
