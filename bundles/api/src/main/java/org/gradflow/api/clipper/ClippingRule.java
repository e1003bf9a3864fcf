package org.gradflow.api.clipper;

import java.util.List;

import org.gradflow.api.nn.Parameter;
import org.osgi.annotation.versioning.ConsumerType;

/** One run's clipper, applied to all non-frozen parameters' gradients after back-propagation. */
@ConsumerType
public interface ClippingRule {
    /**
     * Clips the gradients in place.
     *
     * @return the global L2 norm of the gradients before clipping and whether any was changed
     */
    ClipResult clip(List<Parameter> parameters);

    /** Releases scratch tensors the rule keeps between steps (the run is over). */
    default void close() {
    }
}
