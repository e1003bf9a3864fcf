package org.gradflow.regularizers;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.gradflow.api.regularizer.RegularizationRule;
import org.gradflow.api.regularizer.Regularizer;
import org.osgi.service.component.annotations.Component;

/**
 * Inverted dropout after every layer but the last: in a training step each unit's output is kept with
 * probability {@code 1 - p} and scaled by {@code 1 / (1 - p)}, or set to 0; at evaluation the layer is
 * the identity. The layer, its seed and its formula are in {@link DropoutLayer}; the core inserts one
 * after each of the network's layers but the output layer, with a seed derived from the run's seed and
 * the layer's position, so a run is reproducible. {@code rate = 0} inserts nothing. Penalties and
 * constraints: none. Reference: Srivastava, Hinton, Krizhevsky, Sutskever &amp; Salakhutdinov,
 * "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", JMLR 15, 2014 (they scale the
 * weights by {@code 1 - p} at test time instead; scaling at training time, as PyTorch's
 * {@code nn.Dropout} does, gives the same expectation and leaves evaluation untouched).
 */
@Component(service = Regularizer.class)
@GradflowComponent(name = "dropout",
        description = "inverted dropout after every hidden layer: zero each output with probability rate while training")
public final class Dropout implements Regularizer {
    static final ParameterSpec RATE = ParameterSpec.real("rate", 0.5,
            "probability p that a unit's output is zeroed in a training step").withinExcludingUpper(0, 1);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(RATE);
    }

    @Override
    public RegularizationRule create(Settings settings) {
        double rate = settings.real(RATE);
        return new RegularizationRule() {
            @Override
            public Layer layerAfter(Layer after, int features, LayerFactory factory, long seed) {
                if (rate == 0) {
                    return null;
                }
                return new DropoutLayer(after.name() + "-dropout", features, rate, seed, factory.backend(),
                        factory.precision());
            }
        };
    }
}
