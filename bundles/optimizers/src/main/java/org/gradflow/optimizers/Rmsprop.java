package org.gradflow.optimizers;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.optimizer.Optimizer;
import org.gradflow.api.optimizer.UpdateRule;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Tensor;
import org.osgi.service.component.annotations.Component;

/**
 * RMSprop: divide the gradient by a running root-mean-square of recent gradients.
 *
 * <pre>
 * input: lr, alpha (smoothing), eps, parameter w, gradient g, schedule factor k
 * 1. v = 0                                              (first update of w)
 * 2. v = alpha v + (1 - alpha) g^2                      addScaledSquare(1 - alpha, g, alpha, v)
 * 3. w = w - (k lr) g / (sqrt(v) + eps)                 addScaledRatio(-k lr, g, v, eps, w)
 * </pre>
 *
 * PyTorch's convention ({@code torch.optim.RMSprop}, not centered, no momentum): {@code eps} outside
 * the square root, {@code v} starting at 0 without bias correction. So the first step is
 * {@code lr / sqrt(1 - alpha)} per weight, ten times {@code lr} for {@code alpha = 0.99}; the steps
 * settle to about {@code lr} as {@code v} fills up. (Keras and TensorFlow put {@code eps} elsewhere;
 * results differ only for gradients near {@code eps}.) Reference: Tieleman &amp; Hinton, Lecture 6e,
 * "rmsprop: Divide the gradient by a running average of its recent magnitude", COURSERA: Neural
 * Networks for Machine Learning, 2012.
 */
@Component(service = Optimizer.class)
@GradflowComponent(name = "rmsprop", description = "RMSprop, g / sqrt(running mean of g^2)")
public final class Rmsprop implements Optimizer {
    static final ParameterSpec LR = ParameterSpec.real("lr", 0.01, "learning rate").positive();
    static final ParameterSpec ALPHA = ParameterSpec.real("alpha", 0.99, "smoothing constant of the mean square")
            .withinExcludingUpper(0, 1);
    static final ParameterSpec EPS = ParameterSpec.real("eps", 1e-8, "term added to the denominator")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(LR, ALPHA, EPS);
    }

    @Override
    public UpdateRule create(Settings settings) {
        return new Rule(settings.real(LR), settings.real(ALPHA), settings.real(EPS));
    }

    private static final class Rule implements UpdateRule {
        private final double lr;
        private final double alpha;
        private final double eps;
        private final Slots slots = new Slots(1);

        Rule(double lr, double alpha, double eps) {
            this.lr = lr;
            this.alpha = alpha;
            this.eps = eps;
        }

        @Override
        public void update(Parameter p, long step, double learningRateFactor) {
            if (p.frozen()) {
                return;
            }
            ComputeBackend b = p.value().backend();
            Tensor v = slots.of(p).tensors[0];
            b.addScaledSquare(1 - alpha, p.gradient(), alpha, v);
            b.addScaledRatio(-lr * learningRateFactor, p.gradient(), v, eps, p.value());
        }

        @Override
        public void close() {
            slots.close();
        }
    }
}
