package org.gradflow.regularizers;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.regularizer.RegularizationRule;
import org.gradflow.api.regularizer.Regularizer;
import org.osgi.service.component.annotations.Component;

/**
 * L2 regularization ("weight decay" under SGD) of every weight matrix {@code W}:
 *
 * <pre>
 * penalty  R(W)  = (lambda / 2) ||W||_2^2 = (lambda / 2) sum_ij W_ij^2
 * gradient dR/dW = lambda W                              axpby(lambda, W, 1, grad W)
 * </pre>
 *
 * Weights only, not biases (see the package doc: PyTorch's {@code weight_decay} would decay every
 * parameter unless biases are put in their own parameter group). The {@code 1/2} makes the gradient
 * {@code lambda W}, as PyTorch's {@code weight_decay = lambda} adds it. Reference: Krogh &amp; Hertz,
 * "A Simple Weight Decay Can Improve Generalization", NIPS 4, 1992.
 */
@Component(service = Regularizer.class)
@GradflowComponent(name = "l2", description = "L2 penalty (lambda/2)*||W||^2 on weights (not biases); gradient lambda*W")
public final class L2 implements Regularizer {
    static final ParameterSpec LAMBDA = ParameterSpec.real("lambda", 1e-4,
            "L2 penalty strength: adds (lambda/2)*||W||^2 to the loss").nonNegative();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(LAMBDA);
    }

    @Override
    public RegularizationRule create(Settings settings) {
        double lambda = settings.real(LAMBDA);
        return new RegularizationRule() {
            @Override
            public double addPenalty(Parameter p) {
                return Penalties.appliesTo(p) ? Penalties.halfSquared(lambda, p) : 0;
            }
        };
    }
}
