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
 * AdamW: Adam with decoupled weight decay. The weights shrink by {@code lr wd} each step before the
 * Adam step, instead of an L2 penalty being added to the gradient.
 *
 * <pre>
 * input: lr, beta1, beta2, eps, wd (weight decay), parameter w, gradient g, schedule factor k
 * 1. m = 0, v = 0, t = 0                                (first update of w)
 * 2. t = t + 1
 * 3. w = (1 - k lr wd) w                                axpby(1 - k lr wd, w, 0, w)   (skipped if wd = 0)
 * 4. m = beta1 m + (1 - beta1) g                        axpby(1 - beta1, g, beta1, m)
 * 5. v = beta2 v + (1 - beta2) g^2                      addScaledSquare(1 - beta2, g, beta2, v)
 * 6. w = w - (k lr) m^ / (sqrt(v^) + eps)               as {@link Adam}, step 6
 * </pre>
 *
 * The decay is applied first and scaled by the scheduled rate {@code k lr}, as PyTorch's
 * {@code torch.optim.AdamW} does ({@code param.mul_(1 - lr * weight_decay)}); the paper writes it with
 * a separate schedule multiplier {@code eta_t}. Why decoupled: with an L2 penalty (a regularizer plugin
 * with {@code adam}) the penalty's gradient is divided by {@code sqrt(v^)} like any other, so weights
 * with large gradients are barely regularized; here every weight decays at the same rate. Its
 * {@code lr}, {@code beta1}, {@code beta2} and {@code eps} are Adam's parameters (same declarations).
 * Reference: Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019, Algorithm 2.
 */
@Component(service = Optimizer.class)
@GradflowComponent(name = "adamw", description = "AdamW, Adam with decoupled weight decay w -= lr*wd*w")
public final class Adamw implements Optimizer {
    static final ParameterSpec WEIGHT_DECAY = ParameterSpec.real("weight-decay", 0.01,
            "decoupled weight decay wd, per unit of learning rate").nonNegative();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(Adam.LR, Adam.BETA1, Adam.BETA2, Adam.EPS, WEIGHT_DECAY);
    }

    @Override
    public UpdateRule create(Settings settings) {
        return new Rule(settings.real(Adam.LR), settings.real(Adam.BETA1), settings.real(Adam.BETA2),
                settings.real(Adam.EPS), settings.real(WEIGHT_DECAY));
    }

    private static final class Rule implements UpdateRule {
        private final double lr;
        private final double beta1;
        private final double beta2;
        private final double eps;
        private final double weightDecay;
        private final Slots slots = new Slots(2);

        Rule(double lr, double beta1, double beta2, double eps, double weightDecay) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
        }

        @Override
        public void update(Parameter p, long step, double learningRateFactor) {
            if (p.frozen()) {
                return;
            }
            ComputeBackend b = p.value().backend();
            Slots.State state = slots.of(p);
            long t = ++state.updates;
            Tensor m = state.tensors[0];
            Tensor v = state.tensors[1];
            Tensor g = p.gradient();
            double rate = lr * learningRateFactor;
            if (weightDecay != 0) {
                b.axpby(1 - rate * weightDecay, p.value(), 0, p.value());
            }
            b.axpby(1 - beta1, g, beta1, m);
            b.addScaledSquare(1 - beta2, g, beta2, v);
            double c1 = 1 - Math.pow(beta1, t);
            double sqrtC2 = Math.sqrt(1 - Math.pow(beta2, t));
            b.addScaledRatio(-rate * sqrtC2 / c1, m, v, eps * sqrtC2, p.value());
        }

        @Override
        public void close() {
            slots.close();
        }
    }
}
