package org.gradflow.api.activation;

/**
 * The two fixed nonlinearities that model definitions themselves need, as opposed to the activation a
 * user chooses: the logistic sigmoid and tanh, for LSTM and GRU gates and for the units of a
 * restricted Boltzmann machine. Both derivatives read only {@code y = f(x)}, so a caller may pass the
 * outputs as both {@code z} and {@code a} to {@code ComputeBackend.activateBackward}.
 */
public enum GateFunction implements ActivationFunction {
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

        @Override
        public Form form() {
            return Form.SIGMOID;
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

        @Override
        public Form form() {
            return Form.TANH;
        }
    }
}
