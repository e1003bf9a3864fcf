package org.gradflow.core.nn;

import org.gradflow.api.activation.ActivationFunction;

/** Smooth activations for the core's gradient checks (the real ones live in the activations bundle). */
public final class TestFunctions {
    private TestFunctions() {
    }

    /** tanh, f' = 1 - y^2. */
    public static final ActivationFunction TANH = new ActivationFunction() {
        @Override
        public double value(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1 - y * y;
        }
    };

    /** logistic sigmoid, f' = y (1 - y). */
    public static final ActivationFunction SIGMOID = new ActivationFunction() {
        @Override
        public double value(double x) {
            return 1 / (1 + Math.exp(-x));
        }

        @Override
        public double derivative(double x, double y) {
            return y * (1 - y);
        }
    };
}
