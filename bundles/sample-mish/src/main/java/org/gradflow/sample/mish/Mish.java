package org.gradflow.sample.mish;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Mish, a smooth non-monotonic activation: {@code f(x) = x tanh(softplus(x))}, where
 * {@code softplus(x) = ln(1 + e^x)}.
 *
 * <p>Derivative: {@code softplus'(x) = sigmoid(x)} and {@code tanh'(u) = 1 - tanh^2(u)}, so with
 * {@code t = tanh(softplus(x))} and {@code s = sigmoid(x)}
 * <pre>
 * f'(x) = t + x (1 - t^2) s
 * </pre>
 * It is about 0.6 at 0, tends to 1 for large x and to 0 for very negative x, and is slightly negative
 * below the minimum of f (near x = -1.19, f = -0.309), so small negative inputs still pass gradient.
 *
 * <p>Numerically stable: softplus is evaluated as {@code max(x, 0) + log1p(e^-|x|)} and sigmoid with
 * {@code e^t} of {@code t <= 0} only, so nothing overflows; where a factor of 0 meets an infinite x
 * (at {@code x = +-inf}) the product is taken as its limit 0 instead of NaN. NaN stays NaN. Reference:
 * Misra, "Mish: A Self Regularized Non-Monotonic Activation Function", BMVC 2020 (arXiv:1908.08681,
 * 2019).
 */
@Component(service = Activation.class)
@GradflowComponent(name = "mish", description = "x * tanh(softplus(x)) (Misra 2019)")
public final class Mish implements Activation, ActivationFunction {

    @Override
    public ActivationFunction create(Settings settings) {
        return this;
    }

    @Override
    public double value(double x) {
        double t = Math.tanh(softplus(x));
        return t == 0 ? 0.0 : x * t; // t == 0 only where softplus underflows: x < -745 or x = -inf
    }

    @Override
    public double derivative(double x, double y) {
        double t = Math.tanh(softplus(x));
        double w = (1 - t * t) * sigmoid(x); // 0 at both ends, where x may be infinite
        return t + (w == 0 ? 0.0 : x * w);
    }

    /** {@code ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|)}: no overflow, full precision for small results. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** {@code 1 / (1 + e^-x)}, taking e to non-positive powers only. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
