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
 * The elastic net: a mix of the L1 and L2 penalties on every weight matrix {@code W}, with
 * {@code r} = {@code l1-ratio}:
 *
 * <pre>
 * penalty     R(W)  = lambda (r ||W||_1 + ((1 - r) / 2) ||W||_2^2)
 * subgradient dR/dW = lambda r sign(W) + lambda (1 - r) W       addScaledSign, then axpby
 * </pre>
 *
 * {@code r = 1} is {@code l1} and {@code r = 0} is {@code l2}, bit for bit (a term whose coefficient is
 * 0 is skipped). Weights only, not biases (see the package doc). Reference: Zou &amp; Hastie,
 * "Regularization and variable selection via the elastic net", J. R. Statist. Soc. B 67(2), 2005; their
 * penalty {@code lambda_1 ||W||_1 + lambda_2 ||W||_2^2} is this one with {@code lambda_1 = lambda r} and
 * {@code lambda_2 = lambda (1 - r) / 2}, the parameterization of glmnet and scikit-learn's
 * {@code ElasticNet(alpha, l1_ratio)}.
 */
@Component(service = Regularizer.class)
@GradflowComponent(name = "elastic-net",
        description = "lambda*(r*||W||_1 + (1-r)/2*||W||^2) on weights (not biases), r = l1-ratio")
public final class ElasticNet implements Regularizer {
    static final ParameterSpec LAMBDA = ParameterSpec.real("lambda", 1e-4,
            "overall penalty strength lambda").nonNegative();
    static final ParameterSpec L1_RATIO = ParameterSpec.real("l1-ratio", 0.5,
            "share r of the L1 term: 1 is pure L1, 0 pure L2").within(0, 1);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(LAMBDA, L1_RATIO);
    }

    @Override
    public RegularizationRule create(Settings settings) {
        double lambda = settings.real(LAMBDA);
        double r = settings.real(L1_RATIO);
        double l1 = lambda * r;
        double l2 = lambda * (1 - r);
        return new RegularizationRule() {
            @Override
            public double addPenalty(Parameter p) {
                if (!Penalties.appliesTo(p)) {
                    return 0;
                }
                return Penalties.absolute(l1, p) + Penalties.halfSquared(l2, p);
            }
        };
    }
}
