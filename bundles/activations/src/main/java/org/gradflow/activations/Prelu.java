package org.gradflow.activations;

import java.util.List;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.osgi.service.component.annotations.Component;

/**
 * Parametric ReLU, {@code f(x) = x} for {@code x > 0} and {@code a_j * x} for {@code x <= 0}, where the
 * slope {@code a_j} of each unit {@code j} is learned with the weights. Reference: He, Zhang, Ren &amp;
 * Sun, "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification",
 * ICCV 2015 (channel-wise slopes initialized to 0.25, as here by default).
 *
 * <p>Two ways the core can use it:
 * <ul>
 * <li>{@link #layer}: a {@link PreluLayer} over {@code units} features with one trained slope per unit,
 * parameter {@code <name>.weight} of shape {@code [1, units]} (PyTorch's
 * {@code nn.PReLU(num_parameters=units).weight}), filled with {@code init}. This is PReLU proper.</li>
 * <li>{@link #create}: where no layer can be inserted (a context that only takes an element-wise
 * {@link ActivationFunction}), the fixed function with {@code slope = init}, i.e. leaky ReLU with that
 * slope: nothing is learned there.</li>
 * </ul>
 * Derivative: {@code 1} for {@code x > 0} and the slope for {@code x <= 0} (at the kink {@code x = 0} the
 * slope, as in PyTorch); the slope's own derivative is {@code min(x, 0)}. NaN propagates.
 */
@Component(service = Activation.class)
@GradflowComponent(name = "prelu", description = "x for x > 0, a learned per-unit slope * x otherwise")
public final class Prelu implements Activation {
    static final ParameterSpec INIT = ParameterSpec.real("init", 0.25, "initial slope for x <= 0")
            .withinExcludingUpper(0, 1);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(INIT);
    }

    /** The fixed element-wise fallback: slope {@code init}, not learned (see the class comment). */
    @Override
    public ActivationFunction create(Settings settings) {
        return new Fixed(settings.real(INIT));
    }

    /** The learned version: a {@link PreluLayer} with {@code units} slopes, each starting at {@code init}. */
    @Override
    public Layer layer(String name, int units, Settings settings, LayerFactory factory) {
        return new PreluLayer(name, units, settings.real(INIT), factory.backend(), factory.precision());
    }

    /** The function for one fixed slope. */
    private record Fixed(double slope) implements ActivationFunction {
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
