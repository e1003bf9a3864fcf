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
 * The max-norm constraint: after every update, each unit's vector of incoming weights is projected
 * back into the ball of radius {@code c}. A weight matrix is {@code [out, in]}, so unit {@code i}'s
 * incoming weights are row {@code W_i}:
 *
 * <pre>
 * for every row i with |W_i|_2 &gt; c:  W_i = (c / |W_i|_2) W_i         capRowNorms(c, W)
 * </pre>
 *
 * Rows within the ball are left bit for bit as they were, and so are rows with a non-finite norm (the
 * divergence check reports those). A constraint, not a penalty: {@code addPenalty} adds nothing and
 * returns 0. Weights only, not biases (see the package doc). It bounds the weights however large the
 * learning rate, which is why Srivastava et al. pair it with dropout and high learning rates (typical
 * c from 3 to 4, their Appendix A). Reference: Srivastava, Hinton, Krizhevsky, Sutskever &amp;
 * Salakhutdinov, "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", JMLR 15, 2014,
 * Sec. 5.1; Keras' {@code MaxNorm} constraint.
 */
@Component(service = Regularizer.class)
@GradflowComponent(name = "max-norm",
        description = "after each update, rescale every unit's incoming weight vector to L2 norm <= max-norm")
public final class MaxNorm implements Regularizer {
    static final ParameterSpec MAX_NORM = ParameterSpec.real("max-norm", 3.0,
            "largest L2 norm c of a unit's incoming weight vector (a row of W)").positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(MAX_NORM);
    }

    @Override
    public RegularizationRule create(Settings settings) {
        double c = settings.real(MAX_NORM);
        return new RegularizationRule() {
            @Override
            public void constrain(Parameter p) {
                if (Penalties.appliesTo(p)) {
                    p.value().backend().capRowNorms(c, p.value());
                }
            }
        };
    }
}
