package org.gradflow.schedules;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.Settings;
import org.gradflow.api.schedule.LearningRateSchedule;
import org.gradflow.api.schedule.ScheduleRule;
import org.osgi.service.component.annotations.Component;

/**
 * The constant schedule: the base learning rate at every step.
 *
 * <pre>
 * factor(t) = 1                                          for every step t &ge; 1
 * </pre>
 *
 * The same as running with no schedule; it exists so a run spec can name the choice explicitly (and
 * warmup can be combined with a flat rate). PyTorch: {@code LambdaLR(optimizer, lambda epoch: 1)}.
 */
@Component(service = LearningRateSchedule.class)
@GradflowComponent(name = "constant", description = "the base learning rate at every step")
public final class Constant implements LearningRateSchedule {
    @Override
    public ScheduleRule create(Settings settings, long stepsPerEpoch, long totalSteps) {
        StepChecks.run(stepsPerEpoch, totalSteps);
        return step -> {
            StepChecks.step(step);
            return 1.0;
        };
    }
}
