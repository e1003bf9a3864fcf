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
 * SGD with Nesterov momentum, in PyTorch's formulation ({@code SGD(nesterov=True)}, no dampening): the
 * step looks ahead along the velocity it is about to take.
 *
 * <pre>
 * input: lr, mu (momentum), parameter w, gradient g, schedule factor k
 * 1. v = 0                                              (first update of w)
 * 2. v = mu v + g                                       axpby(1, g, mu, v)
 * 3. w = w - (k lr) (g + mu v)                          axpby(-k lr, g, 1, w); axpby(-k lr mu, v, 1, w)
 * </pre>
 *
 * Step 3 is Nesterov's accelerated gradient rewritten so that the gradient is taken at the current
 * weights rather than at the look-ahead point {@code w - lr mu v} (Sutskever et al. 2013, section 2;
 * Bengio, Boulanger-Lewandowski &amp; Pascanu 2013): the parameters stored are the look-ahead ones. The
 * first step is {@code lr (1 + mu) g}. References: Nesterov, "A method for solving the convex
 * programming problem with convergence rate O(1/k^2)", 1983; Sutskever, Martens, Dahl &amp; Hinton,
 * "On the importance of initialization and momentum in deep learning", ICML 2013.
 */
@Component(service = Optimizer.class)
@GradflowComponent(name = "nesterov", description = "SGD with Nesterov momentum, v = mu*v + g, w -= lr * (g + mu*v)")
public final class Nesterov implements Optimizer {
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
            double rate = lr * learningRateFactor;
            b.axpby(1, p.gradient(), mu, v);
            b.axpby(-rate, p.gradient(), 1, p.value());
            b.axpby(-rate * mu, v, 1, p.value());
        }

        @Override
        public void close() {
            slots.close();
        }
    }
}
