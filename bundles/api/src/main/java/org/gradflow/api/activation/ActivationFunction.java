package org.gradflow.api.activation;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An element-wise activation {@code y = f(x)} with its derivative. Backends call these per element;
 * a backend with its own kernel for a known function may use that instead, and must match these.
 */
@ConsumerType
public interface ActivationFunction {
    /** {@code f(x)}. */
    double value(double x);

    /**
     * {@code f'(x)}, given {@code y = f(x)} as well (sigmoid and tanh derive cheaply from y).
     * At a kink (ReLU at 0) return the one-sided value the Javadoc of the function states.
     */
    double derivative(double x, double y);
}
