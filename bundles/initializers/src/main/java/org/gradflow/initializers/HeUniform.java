package org.gradflow.initializers;

import java.util.List;
import java.util.Random;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.initializer.Initializer;
import org.osgi.service.component.annotations.Component;

/**
 * He (Kaiming) uniform, fan-in mode: {@code w ~ U(-a, a)} with {@code a = gain * sqrt(3 / fanIn)}, so
 * {@code Var[w] = gain^2 / fanIn}. The default gain sqrt(2) gives {@code Var[w] = 2 / fanIn}: a ReLU
 * zeroes half its inputs and halves their second moment, and the factor 2 restores it, so the forward
 * variance stays constant through a deep ReLU stack. See the package doc for other activations' gains.
 * Reference: He, Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers", ICCV 2015, eq. 10.
 */
@Component(service = Initializer.class)
@GradflowComponent(name = "he-uniform", description = "Kaiming uniform (fan-in), a = gain * sqrt(3 / fanIn)")
public final class HeUniform implements Initializer {
    static final ParameterSpec GAIN = ParameterSpec.real("gain", Math.sqrt(2), "gain for the activation that follows")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(GAIN);
    }

    @Override
    public void fill(double[] values, int fanOut, int fanIn, Settings settings, Random random) {
        Draw.checkShape(values, fanOut, fanIn);
        Draw.uniform(values, settings.real(GAIN) * Math.sqrt(3.0 / fanIn), random);
    }
}
