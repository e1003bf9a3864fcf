package org.gradflow.activations;

import java.util.List;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Hard tanh, the identity clipped to {@code [min, max]}: {@code f(x) = min} for {@code x < min},
 * {@code x} for {@code min <= x <= max}, {@code max} for {@code x > max}; {@code f'(x) = 1} for
 * {@code min < x < max} and 0 elsewhere. At the two kinks {@code x = min} and {@code x = max} the
 * derivative is 0, as in PyTorch's {@code hardtanh}. NaN propagates through both.
 *
 * <p>A piecewise-linear tanh, cheap and exact: the gradient is passed unchanged inside the linear
 * region and cut off entirely outside it, so a unit pushed past {@code min} or {@code max} stops
 * learning until its input comes back (the hard version of saturation). {@code min < max} is checked
 * when the function is created. Reference: Collobert, "Large Scale Machine Learning", PhD thesis,
 * Universit&eacute; Paris VI, 2004; Collobert et al., "Natural Language Processing (Almost) from
 * Scratch", JMLR 2011.
 */
@Component(service = Activation.class)
@GradflowComponent(name = "hard-tanh", description = "x clipped to [min, max]")
public final class HardTanh implements Activation {
    static final ParameterSpec MIN = ParameterSpec.real("min", -1, "lower end of the linear region");
    static final ParameterSpec MAX = ParameterSpec.real("max", 1, "upper end of the linear region");

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(MIN, MAX);
    }

    @Override
    public ActivationFunction create(Settings settings) {
        double min = settings.real(MIN);
        double max = settings.real(MAX);
        if (!(min < max)) {
            throw new ConfigurationException(settings.key(MIN) + "=" + min + " must be less than " + settings.key(MAX) + "=" + max
                    + "; the defaults are min=" + MIN.defaultValue() + ", max=" + MAX.defaultValue());
        }
        return new Clip(min, max);
    }

    /** The function for one {@code [min, max]}. */
    private record Clip(double min, double max) implements ActivationFunction {
        @Override
        public double value(double x) {
            return Math.max(min, Math.min(max, x)); // NaN stays NaN
        }

        @Override
        public double derivative(double x, double y) {
            if (x > min && x < max) {
                return 1;
            }
            return Double.isNaN(x) ? Double.NaN : 0;
        }
    }
}
