package org.gradflow.api.schedule;

import org.osgi.annotation.versioning.ConsumerType;

/** One run's schedule: a pure function of the step. */
@ConsumerType
@FunctionalInterface
public interface ScheduleRule {
    /** The factor on the base learning rate at {@code step} (counting from 1); finite and &ge; 0. */
    double factor(long step);
}
