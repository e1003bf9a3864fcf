package org.gradflow.activations;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * The identity, {@code f(x) = x}, {@code f'(x) = 1} (NaN for NaN): a linear network. With it a deep MLP computes a
 * single linear map, and a recurrent network {@code h_t = W x_t + U h_{t-1} + b} multiplies the
 * gradient by exactly {@code U^T} per step back, so {@code ||dL/dh_0|| / ||dL/dh_T||} follows the
 * singular values of {@code U} with nothing else in the way (Pascanu et al. 2013, section 2.1; Saxe et
 * al. 2014 on deep linear networks).
 */
@Component(service = Activation.class)
@GradflowComponent(name = "identity", description = "x (a linear layer; for studying depth and recurrence without nonlinearity)")
public final class Identity implements Activation, ActivationFunction {

    @Override
    public ActivationFunction create(Settings settings) {
        return this;
    }

    @Override
    public double value(double x) {
        return x;
    }

    @Override
    public double derivative(double x, double y) {
        return Double.isNaN(x) ? Double.NaN : 1; // NaN propagates, as in every activation
    }

    /** The standard {@code identity}: a backend may compute it with its own kernel. */
    @Override
    public Form form() {
        return Form.IDENTITY;
    }
}
