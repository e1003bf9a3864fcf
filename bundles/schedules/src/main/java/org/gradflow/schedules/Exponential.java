package org.gradflow.schedules;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.schedule.LearningRateSchedule;
import org.gradflow.api.schedule.ScheduleRule;
import org.osgi.service.component.annotations.Component;

/**
 * Exponential decay, per epoch: the rate is multiplied by {@code gamma} at the start of every epoch
 * after the first.
 *
 * <pre>
 * input: gamma, S = steps per epoch
 * 1. e = floor((t-1) / S)                                completed epochs before step t
 * 2. factor(t) = gamma^e
 * </pre>
 *
 * This is PyTorch's {@code ExponentialLR(gamma=gamma)} stepped once per epoch (closed form
 * {@code gamma ** epoch}), and {@code step} with {@code every = 1}. Unlike PyTorch, {@code gamma} is
 * restricted to {@code (0, 1]}: a growing rate overflows to infinity over a long run, and the factor
 * must stay finite. A long run with a small {@code gamma} underflows to 0, which is allowed.
 */
@Component(service = LearningRateSchedule.class)
@GradflowComponent(name = "exponential", description = "multiply the rate by gamma every epoch")
public final class Exponential implements LearningRateSchedule {
    static final ParameterSpec GAMMA = ParameterSpec.real("gamma", 0.95,
            "factor applied to the rate at each new epoch").within(0, 1).positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(GAMMA);
    }

    @Override
    public ScheduleRule create(Settings settings, long stepsPerEpoch, long totalSteps) {
        StepChecks.run(stepsPerEpoch, totalSteps);
        double gamma = settings.real(GAMMA);
        return step -> Math.pow(gamma, (StepChecks.step(step) - 1) / stepsPerEpoch);
    }
}
