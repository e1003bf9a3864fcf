package org.gradflow.activations;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * Rectified linear unit, {@code f(x) = max(0, x)}, with {@code f'(x) = 1} for {@code x > 0} and
 * {@code 0} for {@code x <= 0}: at the kink {@code x = 0} the derivative is 0, as in PyTorch. NaN
 * propagates through both (a NaN input is never silently turned into 0, so an exploded run stays
 * visible).
 *
 * <p>The derivative of an active unit is exactly 1, so a stack of ReLUs does not shrink the gradient
 * the way sigmoid does; a unit whose input stays negative passes none ("dying ReLU"). Reference: Nair
 * &amp; Hinton, "Rectified Linear Units Improve Restricted Boltzmann Machines", ICML 2010; Glorot,
 * Bordes &amp; Bengio, "Deep Sparse Rectifier Neural Networks", AISTATS 2011.
 */
@Component(service = Activation.class)
@GradflowComponent(name = "relu", description = "rectified linear unit, max(0, x)")
public final class Relu implements Activation, ActivationFunction {

    @Override
    public ActivationFunction create(Settings settings) {
        return this;
    }

    @Override
    public double value(double x) {
        return Math.max(0.0, x); // NaN stays NaN; -0.0 becomes 0.0
    }

    @Override
    public double derivative(double x, double y) {
        if (x > 0) {
            return 1;
        }
        return x <= 0 ? 0 : Double.NaN;
    }

    /** The standard {@code relu}: a backend may compute it with its own kernel. */
    @Override
    public Form form() {
        return Form.RELU;
    }
}
