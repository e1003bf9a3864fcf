package org.gradflow.optimizers;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.optimizer.Optimizer;
import org.gradflow.api.optimizer.UpdateRule;
import org.osgi.service.component.annotations.Component;

/**
 * Plain stochastic gradient descent.
 *
 * <pre>
 * input: lr, parameter w, gradient g, schedule factor k
 * 1. w = w - (k lr) g                                   axpby(-k lr, g, 1, w)
 * </pre>
 *
 * No state. Reference: Robbins &amp; Monro, "A Stochastic Approximation Method", 1951; as used for
 * back-propagation by Rumelhart, Hinton &amp; Williams 1986.
 */
@Component(service = Optimizer.class)
@GradflowComponent(name = "sgd", description = "stochastic gradient descent, w -= lr * g")
public final class Sgd implements Optimizer {
    static final ParameterSpec LR = ParameterSpec.real("lr", 0.01, "learning rate").positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(LR);
    }

    @Override
    public UpdateRule create(Settings settings) {
        double lr = settings.real(LR);
        return (p, step, learningRateFactor) -> {
            if (!p.frozen()) {
                p.value().backend().axpby(-lr * learningRateFactor, p.gradient(), 1, p.value());
            }
        };
    }
}
