package org.gradflow.schedules;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.schedule.LearningRateSchedule;
import org.gradflow.api.schedule.ScheduleRule;
import org.osgi.service.component.annotations.Component;

/**
 * Cosine annealing over the whole run, per step, from 1 at the first step to {@code min-factor} at the
 * last.
 *
 * <pre>
 * input: m (min-factor), T = total steps of the run
 * 1. if T = 1: factor(t) = 1
 * 2. x = (min(t, T) - 1) / (T - 1)                       0 at the first step, 1 at the last
 * 3. factor(t) = m + (1 - m) (1 + cos(pi x)) / 2
 * </pre>
 *
 * Reference: Loshchilov &amp; Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017,
 * eq. 5, with one period covering the run and no restart ({@code eta_min = m eta_max},
 * {@code T_cur = t - 1}, {@code T_i = T - 1}). PyTorch's {@code CosineAnnealingLR(T_max = T - 1,
 * eta_min = m * lr)} stepped once per step gives the same values. Steps past {@code T} keep the
 * factor of step {@code T} ({@code m}, or 1 when {@code T = 1}); PyTorch would climb back up the
 * cosine, but without restarts the run is over.
 *
 * <p>Computed this way the end points are exact: at {@code x = 0} the sum {@code m + fl(1 - m)} rounds
 * to 1, and at {@code x = 1}, {@code cos(pi) = -1} gives {@code m}; each operation is monotone, so the
 * factor never increases from step to step.
 */
@Component(service = LearningRateSchedule.class)
@GradflowComponent(name = "cosine", description = "cosine annealing from 1 to min-factor over the run (SGDR, no restarts)")
public final class Cosine implements LearningRateSchedule {
    static final ParameterSpec MIN_FACTOR = ParameterSpec.real("min-factor", 0,
            "factor m reached at the last step, as a fraction of the base rate").within(0, 1);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(MIN_FACTOR);
    }

    @Override
    public ScheduleRule create(Settings settings, long stepsPerEpoch, long totalSteps) {
        StepChecks.run(stepsPerEpoch, totalSteps);
        double m = settings.real(MIN_FACTOR);
        if (totalSteps == 1) {
            return step -> {
                StepChecks.step(step);
                return 1.0;
            };
        }
        return step -> {
            double x = (double) (Math.min(StepChecks.step(step), totalSteps) - 1) / (totalSteps - 1);
            return m + (1 - m) * (1 + Math.cos(Math.PI * x)) / 2;
        };
    }
}
