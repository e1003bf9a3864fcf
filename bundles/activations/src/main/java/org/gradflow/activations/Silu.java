package org.gradflow.activations;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Sigmoid-weighted linear unit (swish with beta = 1), {@code f(x) = x s(x)} with the logistic sigmoid
 * {@code s(x) = 1 / (1 + e^-x)}, and
 * <pre>
 * f'(x) = s(x) + x s(x) (1 - s(x)) = s(x) (1 + x s(-x))
 * </pre>
 * Smooth and non-monotonic, like {@code gelu}: minimum {@code f(-1.2785) = -0.27846}, {@code f'(0) =
 * 1/2}, {@code f'} tends to 0 for very negative x and to 1 for large x (overshooting to 1.0998 at
 * {@code x = 2.4}).
 *
 * <p>Numerically stable: {@code s} is evaluated as in {@code sigmoid}, taking {@code e^t} of
 * {@code t <= 0} only, and {@code 1 - s(x)} as {@code s(-x)}, so nothing overflows or cancels; where a
 * factor of 0 meets an infinite x the product is taken as its limit 0. NaN stays NaN. References:
 * Elfwing, Uchibe &amp; Doya, "Sigmoid-Weighted Linear Units for Neural Network Function Approximation in
 * Reinforcement Learning", Neural Networks 2018 (arXiv 2017); Ramachandran, Zoph &amp; Le, "Searching
 * for Activation Functions", arXiv:1710.05941, 2017 (as swish); Hendrycks &amp; Gimpel 2016.
 */
@Component(service = Activation.class)
@GradflowComponent(name = "silu", description = "x * sigmoid(x) (swish)")
public final class Silu implements Activation, ActivationFunction {

    @Override
    public ActivationFunction create(Settings settings) {
        return this;
    }

    @Override
    public double value(double x) {
        double s = logistic(x);
        return s == 0 ? 0.0 : x * s; // s == 0 only for x < -745 or x = -inf
    }

    @Override
    public double derivative(double x, double y) {
        double s = logistic(x);
        if (s == 0) {
            return 0;
        }
        double t = logistic(-x); // 1 - s, without cancellation
        return s * (1 + (t == 0 ? 0.0 : x * t)); // t == 0 only for x > 745 or x = inf
    }

    /** {@code 1 / (1 + e^-x)}, taking e to non-positive powers only. */
    private static double logistic(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x); // also reached by NaN, which propagates
        return e / (1 + e);
    }
}
