package org.gradflow.initializers;

import java.util.List;
import java.util.Random;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.initializer.Initializer;
import org.osgi.service.component.annotations.Component;

/**
 * A fixed-scale Gaussian: {@code w ~ N(0, std^2)}, the same for every layer whatever its fans.
 *
 * <p>The oldest recipe ("small random numbers"; AlexNet used {@code std = 0.01}), kept as the baseline
 * that shows why the scale must depend on the fan: each layer multiplies the forward variance by
 * {@code fanIn std^2}, so with the default {@code std = 0.01} and {@code fanIn = 256} that factor is
 * 0.0256 and activations and gradients vanish geometrically in a deep stack, while a large std makes
 * them explode. Use {@code lecun-normal}, {@code xavier-*} or {@code he-*} to get a factor near 1.
 * Reference: Krizhevsky, Sutskever &amp; Hinton, "ImageNet Classification with Deep Convolutional Neural
 * Networks", NIPS 2012 (std 0.01); Glorot &amp; Bengio, AISTATS 2010, for why it fails in deep nets.
 */
@Component(service = Initializer.class)
@GradflowComponent(name = "normal", description = "N(0, std^2), the same std for every layer")
public final class Normal implements Initializer {
    static final ParameterSpec STD = ParameterSpec.real("std", 0.01, "standard deviation of every weight")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(STD);
    }

    @Override
    public void fill(double[] values, int fanOut, int fanIn, Settings settings, Random random) {
        Draw.checkShape(values, fanOut, fanIn);
        Draw.normal(values, settings.real(STD), random);
    }
}
