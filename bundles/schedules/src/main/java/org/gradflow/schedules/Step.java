package org.gradflow.schedules;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.schedule.LearningRateSchedule;
import org.gradflow.api.schedule.ScheduleRule;
import org.osgi.service.component.annotations.Component;

/**
 * Step decay, per epoch: the rate is multiplied by {@code gamma} every {@code every} epochs.
 *
 * <pre>
 * input: every (epochs), gamma, S = steps per epoch
 * 1. e = floor((t-1) / S)                                completed epochs before step t
 * 2. k = floor(e / every)                                = floor((t-1) / (every S))
 * 3. factor(t) = gamma^k
 * </pre>
 *
 * Step 2 divides twice instead of once by {@code every * S}: the nested floors are equal for positive
 * integers, and the product cannot overflow. This is PyTorch's {@code StepLR(step_size=every,
 * gamma=gamma)} stepped once per epoch (closed form {@code gamma ** (epoch // step_size)}); the
 * schedule of He, Zhang, Ren &amp; Sun, "Deep Residual Learning for Image Recognition", CVPR 2016
 * (rate divided by 10 at fixed points). {@code gamma} is at most 1 so the factor stays in
 * {@code [0, 1]}; a huge {@code k} underflows to 0, never to a non-finite value.
 */
@Component(service = LearningRateSchedule.class)
@GradflowComponent(name = "step", description = "multiply the rate by gamma every 'every' epochs")
public final class Step implements LearningRateSchedule {
    static final ParameterSpec EVERY = ParameterSpec.integer("every", 10,
            "number of epochs between decays").within(1, 1_000_000);
    static final ParameterSpec GAMMA = ParameterSpec.real("gamma", 0.1,
            "factor applied to the rate at each decay").within(0, 1).positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(EVERY, GAMMA);
    }

    @Override
    public ScheduleRule create(Settings settings, long stepsPerEpoch, long totalSteps) {
        StepChecks.run(stepsPerEpoch, totalSteps);
        long every = settings.integer(EVERY);
        double gamma = settings.real(GAMMA);
        return step -> {
            long epochsDone = (StepChecks.step(step) - 1) / stepsPerEpoch;
            return Math.pow(gamma, epochsDone / every);
        };
    }
}
