package org.gradflow.activations;

import java.util.List;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Leaky ReLU, {@code f(x) = x} for {@code x > 0} and {@code slope * x} for {@code x <= 0}, with
 * {@code f'(x) = 1} for {@code x > 0} and {@code slope} for {@code x <= 0}: at the kink {@code x = 0} the
 * derivative is {@code slope}, as in PyTorch (and {@code slope = 0} gives {@code relu} exactly, with
 * {@code f(-inf) = 0}). NaN propagates.
 *
 * <p>The small negative slope keeps a gradient flowing through units whose input is negative, so they
 * cannot "die" the way ReLU units can. The He gain for it is {@code sqrt(2 / (1 + slope^2))}. Reference:
 * Maas, Hannun &amp; Ng, "Rectifier Nonlinearities Improve Neural Network Acoustic Models", ICML 2013
 * workshop (slope 0.01).
 */
@Component(service = Activation.class)
@GradflowComponent(name = "leaky-relu", description = "x for x > 0, slope * x otherwise")
public final class LeakyRelu implements Activation {
    static final ParameterSpec SLOPE = ParameterSpec.real("slope", 0.01, "slope for x <= 0")
            .withinExcludingUpper(0, 1);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(SLOPE);
    }

    @Override
    public ActivationFunction create(Settings settings) {
        return new Leaky(settings.real(SLOPE));
    }

    /** The function for one slope. */
    private record Leaky(double slope) implements ActivationFunction {
        @Override
        public double value(double x) {
            if (x > 0) {
                return x;
            }
            return slope == 0 && x <= 0 ? 0.0 : slope * x; // 0 * -inf would be NaN; NaN stays NaN
        }

        @Override
        public double derivative(double x, double y) {
            if (x > 0) {
                return 1;
            }
            return x <= 0 ? slope : Double.NaN;
        }
    }
}
