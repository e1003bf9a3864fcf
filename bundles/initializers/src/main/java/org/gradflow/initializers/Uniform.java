package org.gradflow.initializers;

import java.util.List;
import java.util.Random;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.initializer.Initializer;
import org.osgi.service.component.annotations.Component;

/**
 * The classic "standard" initialization: {@code w ~ U(-a, a)} with {@code a = gain / sqrt(fanIn)}, so
 * {@code Var[w] = gain^2 / (3 fanIn)}.
 *
 * <p>With gain 1 this is the heuristic Glorot &amp; Bengio (2010, eq. 1) call the standard
 * initialization, and the bound PyTorch's {@code nn.Linear} uses by default. Each layer then scales the
 * forward variance by {@code fanIn Var[w] = 1/3} (before the activation's own shrinking), which is why a
 * deep sigmoid or tanh stack initialized this way shows vanishing activations and gradients: it is the
 * baseline the {@code xavier-*} and {@code he-*} initializers are compared with. Reference: LeCun,
 * Bottou, Orr &amp; Mueller, "Efficient BackProp", 1998; Glorot &amp; Bengio, AISTATS 2010.
 */
@Component(service = Initializer.class)
@GradflowComponent(name = "uniform", description = "U(-a, a), a = gain / sqrt(fanIn): the classic default")
public final class Uniform implements Initializer {
    static final ParameterSpec GAIN = ParameterSpec.real("gain", 1, "factor on the bound 1 / sqrt(fanIn)")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(GAIN);
    }

    @Override
    public void fill(double[] values, int fanOut, int fanIn, Settings settings, Random random) {
        Draw.checkShape(values, fanOut, fanIn);
        Draw.uniform(values, settings.real(GAIN) / Math.sqrt(fanIn), random);
    }
}
