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
 * SGD with (heavy-ball) momentum, in PyTorch's convention (no dampening): the velocity accumulates raw
 * gradients and the learning rate scales the step.
 *
 * <pre>
 * input: lr, mu (momentum), parameter w, gradient g, schedule factor k
 * 1. v = 0                                              (first update of w)
 * 2. v = mu v + g                                       axpby(1, g, mu, v)
 * 3. w = w - (k lr) v                                   axpby(-k lr, v, 1, w)
 * </pre>
 *
 * Along a direction where the gradient is constant the step grows to {@code lr g / (1 - mu)}: ten
 * times SGD's for {@code mu = 0.9}. Sutskever et al. write {@code v = mu v - lr g; w = w + v}, which is
 * the same update while {@code lr} is constant but not when a schedule changes it. References: Polyak,
 * "Some methods of speeding up the convergence of iteration methods", 1964; Sutskever, Martens, Dahl
 * &amp; Hinton, "On the importance of initialization and momentum in deep learning", ICML 2013.
 */
@Component(service = Optimizer.class)
@GradflowComponent(name = "momentum", description = "SGD with momentum, v = mu*v + g, w -= lr * v")
public final class Momentum implements Optimizer {
    static final ParameterSpec LR = ParameterSpec.real("lr", 0.01, "learning rate").positive();
    static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0.9, "momentum coefficient mu")
            .withinExcludingUpper(0, 1);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(LR, MOMENTUM);
    }

    @Override
    public UpdateRule create(Settings settings) {
        return new Rule(settings.real(LR), settings.real(MOMENTUM));
    }

    private static final class Rule implements UpdateRule {
        private final double lr;
        private final double mu;
        private final Slots slots = new Slots(1);

        Rule(double lr, double mu) {
            this.lr = lr;
            this.mu = mu;
        }

        @Override
        public void update(Parameter p, long step, double learningRateFactor) {
            if (p.frozen()) {
                return;
            }
            ComputeBackend b = p.value().backend();
            Tensor v = slots.of(p).tensors[0];
            b.axpby(1, p.gradient(), mu, v);
            b.axpby(-lr * learningRateFactor, v, 1, p.value());
        }

        @Override
        public void close() {
            slots.close();
        }
    }
}
