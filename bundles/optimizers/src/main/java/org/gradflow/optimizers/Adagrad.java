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
 * Adagrad: a per-element learning rate that shrinks with the sum of all squared gradients seen so far.
 *
 * <pre>
 * input: lr, eps, parameter w, gradient g, schedule factor k
 * 1. s = 0                                              (first update of w)
 * 2. s = s + g^2                                        addScaledSquare(1, g, 1, s)
 * 3. w = w - (k lr) g / (sqrt(s) + eps)                 addScaledRatio(-k lr, g, s, eps, w)
 * </pre>
 *
 * As in PyTorch ({@code torch.optim.Adagrad} with {@code lr_decay = 0} and
 * {@code initial_accumulator_value = 0}), {@code eps} is added outside the square root. The first step
 * moves each weight by about {@code lr}; because {@code s} only grows, later steps shrink like
 * {@code 1/sqrt(t)} for steady gradients, which suits sparse features and can stall long runs. A weight
 * whose gradients are rare or tiny keeps a large rate: a vanishing gradient is amplified, not cured.
 * Reference: Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 12, 2011 (the diagonal variant).
 */
@Component(service = Optimizer.class)
@GradflowComponent(name = "adagrad", description = "Adagrad, lr / sqrt(sum of squared gradients) per element")
public final class Adagrad implements Optimizer {
    static final ParameterSpec LR = ParameterSpec.real("lr", 0.01, "learning rate").positive();
    static final ParameterSpec EPS = ParameterSpec.real("eps", 1e-10, "term added to the denominator")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(LR, EPS);
    }

    @Override
    public UpdateRule create(Settings settings) {
        return new Rule(settings.real(LR), settings.real(EPS));
    }

    private static final class Rule implements UpdateRule {
        private final double lr;
        private final double eps;
        private final Slots slots = new Slots(1);

        Rule(double lr, double eps) {
            this.lr = lr;
            this.eps = eps;
        }

        @Override
        public void update(Parameter p, long step, double learningRateFactor) {
            if (p.frozen()) {
                return;
            }
            ComputeBackend b = p.value().backend();
            Tensor s = slots.of(p).tensors[0];
            b.addScaledSquare(1, p.gradient(), 1, s);
            b.addScaledRatio(-lr * learningRateFactor, p.gradient(), s, eps, p.value());
        }

        @Override
        public void close() {
            slots.close();
        }
    }
}
