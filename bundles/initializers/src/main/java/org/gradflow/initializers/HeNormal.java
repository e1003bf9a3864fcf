package org.gradflow.initializers;

import java.util.List;
import java.util.Random;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.initializer.Initializer;
import org.osgi.service.component.annotations.Component;

/**
 * He (Kaiming) normal, fan-in mode: {@code w ~ N(0, s^2)} with {@code s = gain / sqrt(fanIn)}; the
 * default gain sqrt(2) gives {@code Var[w] = 2 / fanIn}, which keeps the forward variance constant
 * through ReLU layers (see {@code he-uniform} and the package doc). Reference: He, Zhang, Ren &amp; Sun,
 * "Delving Deep into Rectifiers", ICCV 2015, eq. 10.
 */
@Component(service = Initializer.class)
@GradflowComponent(name = "he-normal", description = "Kaiming normal (fan-in), std = gain / sqrt(fanIn)")
public final class HeNormal implements Initializer {
    static final ParameterSpec GAIN = ParameterSpec.real("gain", Math.sqrt(2), "gain for the activation that follows")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(GAIN);
    }

    @Override
    public void fill(double[] values, int fanOut, int fanIn, Settings settings, Random random) {
        Draw.checkShape(values, fanOut, fanIn);
        Draw.normal(values, settings.real(GAIN) / Math.sqrt(fanIn), random);
    }
}
