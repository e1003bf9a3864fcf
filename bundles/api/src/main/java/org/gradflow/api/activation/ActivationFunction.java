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

    /**
     * Which standard function this is, as a hint for backends: {@link Form#OTHER} (the default) promises
     * nothing. Any other constant is a promise that {@link #value} and {@link #derivative} compute exactly the
     * function that constant documents, with its conventions for NaN, infinities and kinks, so that a backend
     * may evaluate the whole tensor with its own (vector) kernel instead of calling them per element. Such a
     * kernel must stay within the backend conformance suite's tolerance of {@code value} and
     * {@code derivative}, and give NaN and infinities exactly where they do. Return a form only from a
     * function that has no parameters or whose parameters cannot change it.
     *
     * @since 1.1
     */
    default Form form() {
        return Form.OTHER;
    }

    /** The standard closed forms a backend may recognize (see {@link ActivationFunction#form()}). */
    enum Form {
        /** No promise: backends call {@code value} and {@code derivative}. */
        OTHER,
        /** {@code f(x) = x}; {@code f'(x) = 1}, NaN for a NaN x. */
        IDENTITY,
        /**
         * {@code f(x) = max(0, x)} as {@code Math.max(0.0, x)} (NaN stays NaN, {@code -0.0} gives
         * {@code 0.0}); {@code f'(x) = 1} for {@code x > 0}, 0 for {@code x <= 0}, NaN for NaN.
         */
        RELU,
        /**
         * {@code f(x) = 1 / (1 + e^-x)} (NaN stays NaN, {@code f(+-inf) = 1, 0}); {@code f'} taken from the
         * output only: {@code y (1 - y)}.
         */
        SIGMOID,
        /**
         * {@code f(x) = tanh(x)} (NaN stays NaN, {@code f(+-inf) = +-1}, {@code f(-0.0) = -0.0}); {@code f'}
         * taken from the output only: {@code 1 - y^2}.
         */
        TANH
    }
}
