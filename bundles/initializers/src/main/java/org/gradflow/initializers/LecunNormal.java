package org.gradflow.initializers;

import java.util.List;
import java.util.Random;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.initializer.Initializer;
import org.osgi.service.component.annotations.Component;

/**
 * LeCun normal: {@code w ~ N(0, s^2)} with {@code s = gain / sqrt(fanIn)}, so with the default gain 1
 * {@code Var[w] = 1 / fanIn} and a linear layer keeps the variance of its inputs ({@code fanIn Var[w] =
 * 1}). LeCun et al. recommend it for inputs normalized to unit variance; it is the initialization
 * {@code selu}'s self-normalization assumes (weights with mean 0 and {@code fanIn Var[w] = 1}), so use
 * the two together. Numerically the same as {@code he-normal} with gain 1. References: LeCun, Bottou,
 * Orr &amp; M&uuml;ller, "Efficient BackProp", in Neural Networks: Tricks of the Trade, 1998, section
 * 4.6; Klambauer, Unterthiner, Mayr &amp; Hochreiter, "Self-Normalizing Neural Networks", NeurIPS 2017.
 */
@Component(service = Initializer.class)
@GradflowComponent(name = "lecun-normal", description = "LeCun normal, std = gain / sqrt(fanIn); use with selu")
public final class LecunNormal implements Initializer {
    static final ParameterSpec GAIN = ParameterSpec.real("gain", 1, "gain for the activation that follows")
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
