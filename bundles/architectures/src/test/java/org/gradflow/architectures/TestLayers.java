package org.gradflow.architectures;

import java.util.List;
import java.util.Map;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.gradflow.testkit.TestDense;
import org.gradflow.testkit.TestTensors;

/**
 * Real layers for architecture tests (the core's layers are not a dependency of this bundle): the test
 * kit's {@link TestDense}, a tanh activation layer and an affine stand-in for a normalization, all on the
 * {@link ReferenceBackend} in double precision, plus a {@link ModelContext} that builds them.
 */
final class TestLayers {
    static final ComputeBackend BACKEND = new ReferenceBackend();

    private TestLayers() {
    }

    /** A FLOAT64 tensor of N(0, scale²) values on {@link #BACKEND}. */
    static Tensor tensor(int rows, int cols, java.util.Random random, double scale) {
        return TestTensors.gaussian(BACKEND, rows, cols, random, scale);
    }

    /**
     * Gives every parameter random values (as the core's initializer would), the affine stand-in's
     * scale centred on 1.
     */
    static void randomize(Layer layer, long seed) {
        TestTensors.randomize(layer, seed, 1);
    }

    static TestDense dense(String name, int in, int out, ActivationFunction f) {
        return new TestDense(name, in, out, f, BACKEND, Precision.FLOAT64);
    }

    /** {@code y = tanh(x)} element-wise, no parameters. */
    static final class Tanh implements Layer {
        final String name;
        final int features;
        private Tensor x;
        private Tensor y;
        private Tensor gx;

        Tanh(String name, int features) {
            this.name = name;
            this.features = features;
        }

        public String name() { return name; }
        public int inputSize() { return features; }
        public int outputSize() { return features; }
        public List<Parameter> parameters() { return List.of(); }

        public Tensor forward(Tensor input, boolean training) {
            if (y == null || y.rows() != input.rows()) {
                y = BACKEND.allocate(input.rows(), features, Precision.FLOAT64);
                gx = BACKEND.allocate(input.rows(), features, Precision.FLOAT64);
            }
            BACKEND.activate(GateFunction.TANH, input, y);
            x = input;
            return y;
        }

        public Tensor backward(Tensor gy) {
            BACKEND.activateBackward(GateFunction.TANH, x, y, gy, gx);
            return gx;
        }

        public void close() { }
    }

    /**
     * A normalization stand-in with parameters and a buffer: {@code y = x * weight + bias} per feature
     * (weight, bias {@code [1, C]}); buffer {@code count} [1, 1]. Enough to check wiring and names.
     */
    static final class Affine implements Layer {
        final String name;
        final int features;
        final Parameter weight;
        final Parameter bias;
        final Tensor count = BACKEND.allocate(1, 1, Precision.FLOAT64);
        private Tensor x;
        private Tensor y;
        private Tensor gx;

        Affine(String name, int features) {
            this.name = name;
            this.features = features;
            weight = new Parameter("weight", Parameter.Role.SELF_INITIALIZED,
                    BACKEND.allocate(1, features, Precision.FLOAT64), BACKEND.allocate(1, features, Precision.FLOAT64),
                    1, 1);
            bias = new Parameter("bias", Parameter.Role.BIAS, BACKEND.allocate(1, features, Precision.FLOAT64),
                    BACKEND.allocate(1, features, Precision.FLOAT64), 1, 1);
        }

        public String name() { return name; }
        public int inputSize() { return features; }
        public int outputSize() { return features; }
        public List<Parameter> parameters() { return List.of(weight, bias); }
        public Map<String, Tensor> buffers() { return Map.of("count", count); }

        public Tensor forward(Tensor input, boolean training) {
            if (y == null || y.rows() != input.rows()) {
                y = BACKEND.allocate(input.rows(), features, Precision.FLOAT64);
                gx = BACKEND.allocate(input.rows(), features, Precision.FLOAT64);
            }
            BACKEND.scaleShift(input, weight.value(), bias.value(), y);
            x = input;
            return y;
        }

        public Tensor backward(Tensor gy) {
            BACKEND.scaleShiftBackward(gy, x, weight.value(), weight.gradient(), bias.gradient(), gx);
            return gx;
        }

        public void close() { }
    }

    /** A context whose dense, activation and (optionally) normalization layers are the real ones above. */
    static ModelContext context(int inputs, int outputs, List<Integer> hidden, boolean normalized, Settings settings) {
        return new ModelContext() {
            public ComputeBackend backend() { return BACKEND; }
            public Precision precision() { return Precision.FLOAT64; }
            public Layer dense(String name, int in, int out, ActivationFunction f) { return TestLayers.dense(name, in, out, f); }
            public int inputSize() { return inputs; }
            public int outputSize() { return outputs; }
            public List<Integer> hiddenSizes() { return hidden; }
            public ActivationFunction hiddenActivation(int index) { return GateFunction.TANH; }
            public Layer hidden(int index, int in, int out) { return TestLayers.dense("fc" + index, in, out, GateFunction.TANH); }
            public Layer activation(int index, String name, int features) { return new Tanh(name, features); }
            public Layer normalization(int index, String name, int features) {
                return normalized ? new Affine(name, features) : null;
            }
            public Settings settings() { return settings; }
        };
    }
}
