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
 * Adam: adaptive moment estimation, with bias correction.
 *
 * <pre>
 * input: lr, beta1, beta2, eps, parameter w, gradient g, schedule factor k
 * 1. m = 0, v = 0, t = 0                                (first update of w)
 * 2. t = t + 1
 * 3. m = beta1 m + (1 - beta1) g                        axpby(1 - beta1, g, beta1, m)
 * 4. v = beta2 v + (1 - beta2) g^2                      addScaledSquare(1 - beta2, g, beta2, v)
 * 5. m^ = m / (1 - beta1^t),  v^ = v / (1 - beta2^t)    bias correction
 * 6. w = w - (k lr) m^ / (sqrt(v^) + eps)
 * </pre>
 *
 * Step 6 is one backend operation, without materializing m^ and v^: with {@code c1 = 1 - beta1^t} and
 * {@code c2 = 1 - beta2^t}, {@code lr m^ / (sqrt(v^) + eps) = (lr sqrt(c2) / c1) m / (sqrt(v) + eps sqrt(c2))},
 * so it is {@code addScaledRatio(-k lr sqrt(c2) / c1, m, v, eps sqrt(c2), w)} (exact algebra; PyTorch
 * evaluates the same expression).
 *
 * <p>Because of the bias correction the first step moves every weight by about {@code lr} against the
 * sign of its gradient, whatever the gradient's size: Adam does not stall when gradients vanish, which
 * is also why it can hide a vanishing-gradient problem in the loss curve. {@code t} counts this
 * parameter's own updates (see the package doc). {@code eps} must be positive: with 0, a parameter whose
 * gradient is exactly 0 on its first step would get 0/0. Reference: Kingma &amp; Ba, "Adam: A Method
 * for Stochastic Optimization", ICLR 2015, Algorithm 1.
 */
@Component(service = Optimizer.class)
@GradflowComponent(name = "adam", description = "Adam, adaptive moment estimation with bias correction")
public final class Adam implements Optimizer {
    static final ParameterSpec LR = ParameterSpec.real("lr", 0.001, "learning rate").positive();
    static final ParameterSpec BETA1 = ParameterSpec.real("beta1", 0.9, "decay rate of the first moment")
            .withinExcludingUpper(0, 1);
    static final ParameterSpec BETA2 = ParameterSpec.real("beta2", 0.999, "decay rate of the second moment")
            .withinExcludingUpper(0, 1);
    static final ParameterSpec EPS = ParameterSpec.real("eps", 1e-8, "term added to the denominator")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(LR, BETA1, BETA2, EPS);
    }

    @Override
    public UpdateRule create(Settings settings) {
        return new Rule(settings.real(LR), settings.real(BETA1), settings.real(BETA2), settings.real(EPS));
    }

    private static final class Rule implements UpdateRule {
        private final double lr;
        private final double beta1;
        private final double beta2;
        private final double eps;
        private final Slots slots = new Slots(2);

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
            Tensor m = state.tensors[0];
            Tensor v = state.tensors[1];
            Tensor g = p.gradient();
            b.axpby(1 - beta1, g, beta1, m);
            b.addScaledSquare(1 - beta2, g, beta2, v);
            double c1 = 1 - Math.pow(beta1, t);
            double sqrtC2 = Math.sqrt(1 - Math.pow(beta2, t));
            b.addScaledRatio(-lr * learningRateFactor * sqrtC2 / c1, m, v, eps * sqrtC2, p.value());
        }

        @Override
        public void close() {
            slots.close();
        }
    }
}
