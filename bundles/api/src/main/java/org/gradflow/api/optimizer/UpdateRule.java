package org.gradflow.api.optimizer;

import org.gradflow.api.nn.Parameter;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run's optimizer: updates parameters in place from their gradients. Per-parameter state (moments)
 * is created lazily on a parameter's first update and lives on the parameter's backend. Not shared
 * between runs; called from one thread.
 */
@ConsumerType
public interface UpdateRule {
    /**
     * Applies one step to {@code p.value()} from {@code p.gradient()}.
     *
     * @param step               the step number, counting from 1 (bias corrections use it)
     * @param learningRateFactor multiplier from the learning-rate schedule; 1 without a schedule
     */
    void update(Parameter p, long step, double learningRateFactor);

    /** Releases per-parameter state (the run is over). */
    default void close() {
    }
}
