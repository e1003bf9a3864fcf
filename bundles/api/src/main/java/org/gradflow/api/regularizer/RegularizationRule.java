package org.gradflow.api.regularizer;

import org.gradflow.api.nn.Parameter;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run's regularizer. The trainer calls {@link #addPenalty} for every non-frozen parameter after
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

    /** Releases scratch tensors the rule keeps between steps (the run is over). */
    default void close() {
    }
}
