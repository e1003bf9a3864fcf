package org.gradflow.activations;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Hyperbolic tangent, {@code f(x) = (e^x - e^-x) / (e^x + e^-x)}, with {@code f'(x) = 1 - y^2} where
 * {@code y = f(x)}. Evaluated with {@link Math#tanh}, which saturates to exactly +-1 without overflow.
 *
 * <p>Zero-centred, unlike sigmoid, and {@code f'(0) = 1}; but {@code f'} tends to 0 as {@code |x|} grows,
 * so saturated tanh units still pass almost no gradient (LeCun, Bottou, Orr &amp; Mueller, "Efficient
 * BackProp", 1998, recommend it over the logistic sigmoid for that centring).
 */
@Component(service = Activation.class)
@GradflowComponent(name = "tanh", description = "hyperbolic tangent")
public final class Tanh implements Activation, ActivationFunction {

    @Override
    public ActivationFunction create(Settings settings) {
        return this;
    }

    @Override
    public double value(double x) {
        return Math.tanh(x);
    }

    @Override
    public double derivative(double x, double y) {
        return 1 - y * y;
    }

    /** The standard {@code tanh}: a backend may compute it with its own kernel. */
    @Override
    public Form form() {
        return Form.TANH;
    }
}
