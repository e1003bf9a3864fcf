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
 * L1 regularization (the lasso penalty) of every weight matrix {@code W}:
 *
 * <pre>
 * penalty     R(W)  = lambda ||W||_1 = lambda sum_ij |W_ij|       sumAbs(W)
 * subgradient dR/dW = lambda sign(W),  sign(0) = 0                addScaledSign(lambda, W, grad W)
 * </pre>
 *
 * Weights only, not biases (see the package doc). {@code |w|} has no derivative at 0; the subgradient 0
 * is the one of least magnitude, so a weight that is exactly 0 is not pushed away from it. Plain
 * (sub)gradient steps make weights oscillate around 0 rather than land on it; proximal or truncated
 * updates, which this penalty does not do, are needed for exact zeros (Tsuruoka, Tsujii &amp; Ananiadou,
 * ACL 2009). Reference: Tibshirani, "Regression Shrinkage and Selection via the Lasso", J. R. Statist.
 * Soc. B 58(1), 1996.
 */
@Component(service = Regularizer.class)
@GradflowComponent(name = "l1", description = "L1 penalty lambda*||W||_1 on weights (not biases); subgradient lambda*sign(W)")
public final class L1 implements Regularizer {
    static final ParameterSpec LAMBDA = ParameterSpec.real("lambda", 1e-5,
            "L1 penalty strength: adds lambda*sum|W| to the loss").nonNegative();

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
                return Penalties.appliesTo(p) ? Penalties.absolute(lambda, p) : 0;
            }
        };
    }
}
