package org.gradflow.initializers;

import java.util.List;
import java.util.Random;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.initializer.Initializer;
import org.osgi.service.component.annotations.Component;

/**
 * Xavier (Glorot) normal: {@code w ~ N(0, s^2)} with {@code s = gain * sqrt(2 / (fanIn + fanOut))}: the
 * same variance as {@code xavier-uniform}, drawn from a (not truncated) Gaussian. Gain 1 by default;
 * see the package doc for the gain per activation. Reference: Glorot &amp; Bengio, "Understanding the
 * difficulty of training deep feedforward neural networks", AISTATS 2010.
 */
@Component(service = Initializer.class)
@GradflowComponent(name = "xavier-normal", description = "Glorot normal, std = gain * sqrt(2 / (fanIn + fanOut))")
public final class XavierNormal implements Initializer {
    static final ParameterSpec GAIN = ParameterSpec.real("gain", 1, "gain for the activation that follows")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(GAIN);
    }

    @Override
    public void fill(double[] values, int fanOut, int fanIn, Settings settings, Random random) {
        Draw.checkShape(values, fanOut, fanIn);
        Draw.normal(values, settings.real(GAIN) * Math.sqrt(2.0 / (fanIn + fanOut)), random);
    }
}
