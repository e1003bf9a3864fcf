package org.gradflow.activations;

import java.util.List;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Softplus, a smooth ReLU: {@code f(x) = ln(1 + e^(beta x)) / beta}, with {@code f'(x) = s(beta x)}, the
 * logistic sigmoid {@code 1 / (1 + e^-(beta x))}. As {@code beta} grows it approaches
 * {@code max(0, x)}; {@code f(0) = ln 2 / beta}.
 *
 * <p>Numerically stable without a threshold: with {@code z = beta x},
 * <pre>
 * f(x) = x + ln(1 + e^-z) / beta    for z &gt; 0        f(x) = ln(1 + e^z) / beta    for z &lt;= 0
 * </pre>
 * so e is only raised to non-positive powers and nothing overflows. For large {@code z} the correction
 * {@code ln(1 + e^-z) / beta} falls below half an ulp of x and the result is exactly x (from
 * {@code x = 34} for {@code beta = 1}); PyTorch instead returns x above a threshold, {@code z > 20}, which is off by up
 * to 2e-9. Small outputs for negative z keep their relative precision ({@link Math#log1p}). NaN stays
 * NaN. Reference: Dugas, Bengio, B&eacute;lisle, Nadeau &amp; Garcia, "Incorporating Second-Order
 * Functional Knowledge for Better Option Pricing", NIPS 2000; Glorot, Bordes &amp; Bengio, "Deep Sparse
 * Rectifier Neural Networks", AISTATS 2011.
 */
@Component(service = Activation.class)
@GradflowComponent(name = "softplus", description = "ln(1 + e^(beta x)) / beta, a smooth relu")
public final class Softplus implements Activation {
    static final ParameterSpec BETA = ParameterSpec.real("beta", 1, "sharpness; f approaches relu as beta grows")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(BETA);
    }

    @Override
    public ActivationFunction create(Settings settings) {
        return new Smooth(settings.real(BETA));
    }

    /** The function for one beta. */
    private record Smooth(double beta) implements ActivationFunction {
        @Override
        public double value(double x) {
            double z = beta * x;
            if (z > 0) {
                return x + Math.log1p(Math.exp(-z)) / beta;
            }
            return Math.log1p(Math.exp(z)) / beta; // also reached by NaN, which propagates
        }

        @Override
        public double derivative(double x, double y) {
            double z = beta * x;
            if (z >= 0) {
                return 1 / (1 + Math.exp(-z));
            }
            double e = Math.exp(z);
            return e / (1 + e);
        }
    }
}
