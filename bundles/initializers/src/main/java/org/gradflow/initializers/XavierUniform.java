package org.gradflow.initializers;

import java.util.List;
import java.util.Random;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.initializer.Initializer;
import org.osgi.service.component.annotations.Component;

/**
 * Xavier (Glorot) uniform: {@code w ~ U(-a, a)} with {@code a = gain * sqrt(6 / (fanIn + fanOut))}, so
 * {@code Var[w] = gain^2 * 2 / (fanIn + fanOut)}: the average of the variances that keep forward
 * activations ({@code 1 / fanIn}) and backward gradients ({@code 1 / fanOut}) at constant scale.
 * Gain 1 by default; see the package doc for the gain per activation. Reference: Glorot &amp; Bengio,
 * "Understanding the difficulty of training deep feedforward neural networks", AISTATS 2010, eq. 16.
 */
@Component(service = Initializer.class)
@GradflowComponent(name = "xavier-uniform", description = "Glorot uniform, a = gain * sqrt(6 / (fanIn + fanOut))")
public final class XavierUniform implements Initializer {
    static final ParameterSpec GAIN = ParameterSpec.real("gain", 1, "gain for the activation that follows")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(GAIN);
    }

    @Override
    public void fill(double[] values, int fanOut, int fanIn, Settings settings, Random random) {
        Draw.checkShape(values, fanOut, fanIn);
        Draw.uniform(values, settings.real(GAIN) * Math.sqrt(6.0 / (fanIn + fanOut)), random);
    }
}
