package org.gradflow.pretrainers;

import org.gradflow.api.activation.ActivationFunction;

/**
 * The logistic function {@code s(x) = 1 / (1 + e^-x)}, {@code s'(x) = s(x) (1 - s(x))}: the RBM's
 * conditional probabilities. This bundle cannot import the activations bundle (providers import only
 * the API), so it carries its own copy. Written so that no branch overflows: for {@code x < 0} it is
 * {@code e^x / (1 + e^x)}.
 */
final class Sigmoid implements ActivationFunction {
    static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {
    }

    @Override
    public double value(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    @Override
    public double derivative(double x, double y) {
        return y * (1 - y);
    }
}
