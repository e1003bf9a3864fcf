package org.gradflow.activations;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Gaussian error linear unit, the input weighted by the probability that a standard normal variable is
 * below it:
 * <pre>
 * f(x)  = x Phi(x) = (x / 2) (1 + erf(x / sqrt 2))          Phi: standard normal CDF
 * f'(x) = Phi(x) + x phi(x),   phi(x) = e^(-x^2/2) / sqrt(2 pi)
 * </pre>
 * The exact form, as PyTorch's {@code gelu} with {@code approximate='none'}: {@code Phi(x)} is
 * {@code erfc(-x / sqrt 2) / 2} with the package's own {@link Erf} (relative error below 1e-14), so
 * small outputs for negative x keep their relative precision. The popular tanh approximation
 * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))} is not used; it differs from this by up to
 * 4.7e-4.
 *
 * <p>Smooth and non-monotonic: the minimum is {@code f(-0.7518) = -0.16997}, {@code f'} is slightly
 * negative below it and tends to 0 for very negative x, to 1 for large x (it overshoots, with a maximum
 * of 1.129 at {@code x = sqrt 2}). {@code f(-inf) = 0}, {@code f'(+-inf)} is 1 and 0; NaN stays NaN.
 * Reference: Hendrycks &amp; Gimpel, "Gaussian Error Linear Units (GELUs)", arXiv:1606.08415, 2016.
 */
@Component(service = Activation.class)
@GradflowComponent(name = "gelu", description = "x * Phi(x), Phi the standard normal CDF (exact, via erf)")
public final class Gelu implements Activation, ActivationFunction {
    private static final double SQRT_2 = Math.sqrt(2);
    private static final double ONE_OVER_SQRT_2PI = 0.39894228040143267794;

    @Override
    public ActivationFunction create(Settings settings) {
        return this;
    }

    @Override
    public double value(double x) {
        double p = cdf(x);
        return p == 0 ? 0.0 : x * p; // p == 0 where Phi underflows: x < -38.5 or x = -inf
    }

    @Override
    public double derivative(double x, double y) {
        double q = ONE_OVER_SQRT_2PI * Erf.expMinusHalfSquare(x); // 0 for |x| > 38.6, where x may be infinite
        return cdf(x) + (q == 0 ? 0.0 : x * q);
    }

    /** {@code Phi(x) = erfc(-x / sqrt 2) / 2}. */
    static double cdf(double x) {
        return 0.5 * Erf.erfc(-x / SQRT_2);
    }
}
