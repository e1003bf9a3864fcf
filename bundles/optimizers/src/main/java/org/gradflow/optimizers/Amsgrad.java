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
 * AMSGrad: Adam whose denominator uses the largest second moment seen so far, so the per-element step
 * size never grows (the fix for Adam's non-convergence example).
 *
 * <pre>
 * input: lr, beta1, beta2, eps, parameter w, gradient g, schedule factor k
 * 1. m = 0, v = 0, vmax = 0, t = 0                      (first update of w)
 * 2. t = t + 1
 * 3. m = beta1 m + (1 - beta1) g                        axpby(1 - beta1, g, beta1, m)
 * 4. v = beta2 v + (1 - beta2) g^2                      addScaledSquare(1 - beta2, g, beta2, v)
 * 5. vmax = max(vmax, v)                                maximum(v, vmax)
 * 6. w = w - (k lr) (m / c1) / (sqrt(vmax / c2) + eps)  addScaledRatio(-k lr sqrt(c2) / c1, m, vmax, eps sqrt(c2), w)
 *    with c1 = 1 - beta1^t, c2 = 1 - beta2^t
 * </pre>
 *
 * As PyTorch's {@code Adam(amsgrad=True)}: the maximum is taken over the raw {@code v} and the current
 * step's bias correction {@code c2} is applied to it (the paper's Algorithm 2 has no bias correction).
 * Its {@code lr}, {@code beta1}, {@code beta2} and {@code eps} are Adam's parameters (same
 * declarations); the step count {@code t} is per parameter.
 *
 * <p>Reference: Reddi, Kale &amp; Kumar, "On the Convergence of Adam
 * and Beyond", ICLR 2018.
 */
@Component(service = Optimizer.class)
@GradflowComponent(name = "amsgrad", description = "AMSGrad, Adam with the running maximum of the second moment")
public final class Amsgrad implements Optimizer {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(Adam.LR, Adam.BETA1, Adam.BETA2, Adam.EPS);
    }

    @Override
    public UpdateRule create(Settings settings) {
        return new Rule(settings.real(Adam.LR), settings.real(Adam.BETA1), settings.real(Adam.BETA2),
                settings.real(Adam.EPS));
    }

    private static final class Rule implements UpdateRule {
        private final double lr;
        private final double beta1;
        private final double beta2;
        private final double eps;
        /** m, v, vmax. */
        private final Slots slots = new Slots(3);

        Rule(double lr, double beta1, double beta2, double eps) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
        }

        @Override
        public void update(Parameter p, long step, double learningRateFactor) {
            if (p.frozen()) {
                return;
            }
            ComputeBackend b = p.value().backend();
            Slots.State state = slots.of(p);
            long t = ++state.updates;
            Tensor[] s = state.tensors;
            Tensor m = s[0];
            Tensor v = s[1];
            Tensor vmax = s[2];
            Tensor g = p.gradient();
            b.axpby(1 - beta1, g, beta1, m);
            b.addScaledSquare(1 - beta2, g, beta2, v);
            b.maximum(v, vmax);
            double c1 = 1 - Math.pow(beta1, t);
            double sqrtC2 = Math.sqrt(1 - Math.pow(beta2, t));
            b.addScaledRatio(-lr * learningRateFactor * sqrtC2 / c1, m, vmax, eps * sqrtC2, p.value());
        }

        @Override
        public void close() {
            slots.close();
        }
    }
}
