package org.gradflow.architectures;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;

/**
 * Minimal real layers for architecture tests (the core's layers are not a dependency of this bundle):
 * a dense layer, a tanh activation layer and an affine stand-in for a normalization, all on the
 * {@link ReferenceBackend} in double precision, plus a {@link ModelContext} that builds them.
 */
final class TestLayers {
    static final ComputeBackend BACKEND = new ReferenceBackend();

    static final ActivationFunction TANH = new ActivationFunction() {
        public double value(double x) {
            return Math.tanh(x);
        }

        public double derivative(double x, double y) {
            return 1 - y * y;
        }
    };

    private TestLayers() {
    }

    static Tensor tensor(int rows, int cols, java.util.Random random, double scale) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * random.nextGaussian();
        }
        Tensor t = BACKEND.allocate(rows, cols, Precision.FLOAT64);
        BACKEND.upload(v, 0, t);
        return t;
    }

    /** Gives every parameter random values (as the core's initializer would). */
    static void randomize(Layer layer, long seed) {
        java.util.Random random = new java.util.Random(seed);
        for (Parameter p : layer.parameters()) {
            double[] v = new double[(int) p.value().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (p.role() == Parameter.Role.WEIGHT ? 1.0 / Math.sqrt(p.fanIn()) : 0.3) * random.nextGaussian()
                        + (p.role() == Parameter.Role.SELF_INITIALIZED ? 1 : 0);
            }
            BACKEND.upload(v, 0, p.value());
        }
    }

    /** {@code y = f(x W^T + b)}, W {@code [out, in]}, b {@code [1, out]}. */
    static final class Dense implements Layer {
        final String name;
        final int in;
        final int out;
        final ActivationFunction f;
        final Parameter weight;
        final Parameter bias;
        private final Map<Integer, Tensor[]> byBatch = new HashMap<>();
        private boolean inputGradientNeeded = true;
        private Tensor x;
        private Tensor[] last;

        Dense(String name, int in, int out, ActivationFunction f) {
            this.name = name;
            this.in = in;
            this.out = out;
            this.f = f;
            weight = new Parameter("weight", Parameter.Role.WEIGHT, BACKEND.allocate(out, in, Precision.FLOAT64),
                    BACKEND.allocate(out, in, Precision.FLOAT64), in, out);
            bias = new Parameter("bias", Parameter.Role.BIAS, BACKEND.allocate(1, out, Precision.FLOAT64),
                    BACKEND.allocate(1, out, Precision.FLOAT64), in, out);
        }

        public String name() { return name; }
        public int inputSize() { return in; }
        public int outputSize() { return out; }
        public List<Parameter> parameters() { return List.of(weight, bias); }
        public void setInputGradientNeeded(boolean needed) { inputGradientNeeded = needed; }

        public Tensor forward(Tensor input, boolean training) {
            // z, y, gz, dx
            Tensor[] b = byBatch.computeIfAbsent(input.rows(), r -> new Tensor[] {
                BACKEND.allocate(r, out, Precision.FLOAT64), BACKEND.allocate(r, out, Precision.FLOAT64),
                BACKEND.allocate(r, out, Precision.FLOAT64), BACKEND.allocate(r, in, Precision.FLOAT64) });
            BACKEND.matmul(input, false, weight.value(), true, 1, 0, b[0]);
            BACKEND.addRowVector(bias.value(), b[0]);
            if (f == null) {
                BACKEND.copy(b[0], b[1]);
            } else {
                BACKEND.activate(f, b[0], b[1]);
            }
            x = input;
            last = b;
            return b[1];
        }

        public Tensor backward(Tensor gy) {
            Tensor gz = last[2];
            if (f == null) {
                BACKEND.copy(gy, gz);
            } else {
                BACKEND.activateBackward(f, last[0], last[1], gy, gz);
            }
            BACKEND.matmul(gz, true, x, false, 1, 1, weight.gradient());
            BACKEND.sumRows(gz, 1, bias.gradient());
            if (!inputGradientNeeded) {
                return null;
            }
            BACKEND.matmul(gz, false, weight.value(), false, 1, 0, last[3]);
            return last[3];
        }

        public void close() { }
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
            BACKEND.activate(TANH, input, y);
            x = input;
            return y;
        }

        public Tensor backward(Tensor gy) {
            BACKEND.activateBackward(TANH, x, y, gy, gx);
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
            public Layer dense(String name, int in, int out, ActivationFunction f) { return new Dense(name, in, out, f); }
            public int inputSize() { return inputs; }
            public int outputSize() { return outputs; }
            public List<Integer> hiddenSizes() { return hidden; }
            public ActivationFunction hiddenActivation(int index) { return TANH; }
            public Layer hidden(int index, int in, int out) { return new Dense("fc" + index, in, out, TANH); }
            public Layer activation(int index, String name, int features) { return new Tanh(name, features); }
            public Layer normalization(int index, String name, int features) {
                return normalized ? new Affine(name, features) : null;
            }
            public Settings settings() { return settings; }
        };
    }
}
