package org.gradflow.api.schedule;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A learning-rate schedule: the service kind {@code learning-rate-schedule}, chosen with
 * {@code schedule=<name>}, parameters under {@code schedule.<param>}. It gives a factor that
 * multiplies the optimizer's base learning rate ({@code optimizer.lr}) at every step. The core adds
 * linear warmup on top of any schedule ({@code warmup-steps}): the factor is multiplied by
 * {@code min(1, step / warmup-steps)}.
 */
@ConsumerType
public interface LearningRateSchedule extends Component {
    /**
     * The schedule of one run.
     *
     * @param stepsPerEpoch training steps in one epoch
     * @param totalSteps    training steps in the whole run
     */
    ScheduleRule create(Settings settings, long stepsPerEpoch, long totalSteps);
}
