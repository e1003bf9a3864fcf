package org.gradflow.recurrent;

import org.gradflow.api.activation.ActivationFunction;

/**
 * The gate nonlinearities of the LSTM and GRU cells. They are private to this bundle, since a provider
 * bundle may not depend on another (the activations bundle has its own sigmoid and tanh). Both
 * derivatives read only {@code y = f(x)}, so the cells keep just the gate values and pass them as both
 * {@code z} and {@code a} to {@code ComputeBackend.activateBackward}.
 */
enum GateFunction implements ActivationFunction {
    /** {@code σ(x) = 1 / (1 + e^-x)}, written so that no exponential overflows; {@code σ' = y (1 - y)}. */
    SIGMOID {
        @Override
        public double value(double x) {
            if (x >= 0) {
                return 1 / (1 + Math.exp(-x));
            }
            double e = Math.exp(x);
            return e / (1 + e);
        }

        @Override
        public double derivative(double x, double y) {
            return y * (1 - y);
        }
    },
    /** {@code tanh(x)}; {@code tanh' = 1 - y^2}. */
    TANH {
        @Override
        public double value(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1 - y * y;
        }
    }
}
