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
 * Adadelta: the step is the gradient times the ratio of two running RMS values, of past updates over
 * past gradients, so it has the units of the weights and needs no learning rate ({@code lr = 1}).
 *
 * <pre>
 * input: lr, rho, eps, parameter w, gradient g, schedule factor k
 * 1. a = 0, d = 0                                       (first update of w: E[g^2], E[dx^2])
 * 2. a = rho a + (1 - rho) g^2                          addScaledSquare(1 - rho, g, rho, a)
 * 3. dx = -sqrt(d + eps) / sqrt(a + eps) * g            six operations, below
 * 4. d = rho d + (1 - rho) dx^2                         addScaledSquare(1 - rho, dx, rho, d)
 * 5. w = w + (k lr) dx                                  axpby(k lr, dx, 1, w)
 * </pre>
 *
 * {@code eps} is inside both square roots, as in the paper and PyTorch's {@code torch.optim.Adadelta};
 * the accumulated {@code d} uses the unscaled {@code dx}. Step 3 with three scratch tensors per parameter:
 * <pre>
 * 3a. q = a + eps                                       fill(q, eps); axpby(1, a, 1, q)
 * 3b. r = sqrt(d + eps) g                               fill(r, eps); axpby(1, d, 1, r); sqrt(r, r); multiply(g, r)
 * 3c. dx = -r / sqrt(q)                                 fill(s, 0); addScaledRatio(-1, r, q, 0, s)
 * </pre>
 * {@code eps} must be representable in the parameter's precision (for FLOAT32, above about 1e-38): it
 * sets the size of the first steps, about {@code sqrt(eps)} per weight. Reference: Zeiler, "ADADELTA:
 * An Adaptive Learning Rate Method", arXiv:1212.5701, 2012, Algorithm 1.
 */
@Component(service = Optimizer.class)
@GradflowComponent(name = "adadelta", description = "Adadelta, g * RMS(past updates) / RMS(past gradients)")
public final class Adadelta implements Optimizer {
    static final ParameterSpec LR = ParameterSpec.real("lr", 1.0, "learning rate (scales the step)").positive();
    static final ParameterSpec RHO = ParameterSpec.real("rho", 0.9, "decay rate of the running averages")
            .withinExcludingUpper(0, 1);
    static final ParameterSpec EPS = ParameterSpec.real("eps", 1e-6, "term added inside the square roots")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(LR, RHO, EPS);
    }

    @Override
    public UpdateRule create(Settings settings) {
        return new Rule(settings.real(LR), settings.real(RHO), settings.real(EPS));
    }

    private static final class Rule implements UpdateRule {
        private final double lr;
        private final double rho;
        private final double eps;
        /** E[g^2], E[dx^2], and three scratch tensors. */
        private final Slots slots = new Slots(5);

        Rule(double lr, double rho, double eps) {
            this.lr = lr;
            this.rho = rho;
            this.eps = eps;
        }

        @Override
        public void update(Parameter p, long step, double learningRateFactor) {
            if (p.frozen()) {
                return;
            }
            ComputeBackend b = p.value().backend();
            Tensor[] t = slots.of(p).tensors;
            Tensor a = t[0];
            Tensor d = t[1];
            Tensor q = t[2];
            Tensor r = t[3];
            Tensor s = t[4];
            Tensor g = p.gradient();
            b.addScaledSquare(1 - rho, g, rho, a);
            b.fill(q, eps);
            b.axpby(1, a, 1, q);
            b.fill(r, eps);
            b.axpby(1, d, 1, r);
            b.sqrt(r, r);
            b.multiply(g, r);
            b.fill(s, 0);
            b.addScaledRatio(-1, r, q, 0, s);
            Tensor dx = s;
            b.addScaledSquare(1 - rho, dx, rho, d);
            b.axpby(lr * learningRateFactor, dx, 1, p.value());
        }

        @Override
        public void close() {
            slots.close();
        }
    }
}
