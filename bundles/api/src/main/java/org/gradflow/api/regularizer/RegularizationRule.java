package org.gradflow.api.regularizer;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.gradflow.api.nn.Parameter;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run's regularizer. When the network is built the core asks {@link #layerAfter} for layers to
 * insert; at every step it calls {@link #addPenalty} for every non-frozen parameter after
 * back-propagation and before clipping, and {@link #constrain} after the optimizer step.
 */
@ConsumerType
public interface RegularizationRule {
    /**
     * Adds the penalty's gradient into {@code p.gradient()} and returns the penalty's value, which the
     * trainer reports separately from the data loss. A pure constraint returns 0 and adds nothing.
     */
    default double addPenalty(Parameter p) {
        return 0;
    }

    /** Projects {@code p.value()} back into the allowed set after an update (max-norm). */
    default void constrain(Parameter p) {
    }

    /**
     * A layer the core inserts after {@code after} (every layer of the network but the last), or
     * {@code null} for none: how a regularizer acts on activations, as dropout does. The layer must be
     * the identity when {@code forward} is called with {@code training=false}.
     *
     * @param features the width of {@code after}'s output (and of the new layer)
     * @param seed     a seed for this layer, derived from the run's seed and the layer's position
     */
    default Layer layerAfter(Layer after, int features, LayerFactory factory, long seed) {
        return null;
    }

    /** Releases scratch tensors the rule keeps between steps (the run is over). */
    default void close() {
    }
}
