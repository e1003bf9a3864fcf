package org.gradflow.activations;

import java.util.List;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Exponential linear unit, {@code f(x) = x} for {@code x > 0} and {@code alpha (e^x - 1)} for
 * {@code x <= 0}, with {@code f'(x) = 1} for {@code x > 0} and {@code alpha e^x} for {@code x <= 0}
 * (equal to {@code y + alpha}, but computed from x to avoid the cancellation near {@code y = -alpha}).
 * At {@code x = 0} the derivative is {@code alpha} (continuous for the default {@code alpha = 1}), as in
 * PyTorch.
 *
 * <p>Negative outputs push the mean activation towards 0, which Clevert et al. show speeds up learning,
 * while the identity for positive inputs keeps the gradient at 1 as in ReLU; for very negative inputs the
 * unit saturates at {@code -alpha} and its gradient vanishes. {@code e^x - 1} is evaluated with
 * {@link Math#expm1}, so small negative inputs keep their precision; {@code f(-inf) = -alpha}. Reference:
 * Clevert, Unterthiner &amp; Hochreiter, "Fast and Accurate Deep Network Learning by Exponential Linear
 * Units (ELUs)", ICLR 2016.
 */
@Component(service = Activation.class)
@GradflowComponent(name = "elu", description = "x for x > 0, alpha * (e^x - 1) otherwise")
public final class Elu implements Activation {
    static final ParameterSpec ALPHA = ParameterSpec.real("alpha", 1, "value -alpha that f approaches as x -> -inf")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ALPHA);
    }

    @Override
    public ActivationFunction create(Settings settings) {
        return new Exponential(settings.real(ALPHA));
    }

    /** The function for one alpha. */
    private record Exponential(double alpha) implements ActivationFunction {
        @Override
        public double value(double x) {
            return x > 0 ? x : alpha * Math.expm1(x); // NaN stays NaN
        }

        @Override
        public double derivative(double x, double y) {
            return x > 0 ? 1 : alpha * Math.exp(x);
        }
    }
}
