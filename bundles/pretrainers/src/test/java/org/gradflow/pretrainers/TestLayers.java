package org.gradflow.pretrainers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;

/**
 * Minimal real layers for the tests (the core's layers are not a dependency of this bundle), on the
 * {@link ReferenceBackend} in double precision: a dense layer {@code y = f(x W^T + b)} and a layer
 * without parameters. Mirrors the architectures bundle's test layers.
 */
final class TestLayers {
    static final ReferenceBackend BACKEND = new ReferenceBackend();

    static final ActivationFunction TANH = new ActivationFunction() {
        public double value(double x) {
            return Math.tanh(x);
        }

        public double derivative(double x, double y) {
            return 1 - y * y;
        }
    };

    static final ActivationFunction SIGMOID = new ActivationFunction() {
        public double value(double x) {
            return 1 / (1 + Math.exp(-x));
        }

        public double derivative(double x, double y) {
            return y * (1 - y);
        }
    };

    private TestLayers() {
    }

    static Tensor tensor(int rows, int cols, double... values) {
        Tensor t = BACKEND.allocate(rows, cols, Precision.FLOAT64);
        BACKEND.upload(values, 0, t);
        return t;
    }

    static Tensor gaussian(int rows, int cols, Random random, double scale) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * random.nextGaussian();
        }
        return tensor(rows, cols, v);
    }

    static double[] values(Tensor t) {
        return BACKEND.values(t);
    }

    /** Host copies of every parameter of every layer, for "unchanged" checks. */
    static List<double[]> snapshot(Layer layer) {
        List<double[]> out = new ArrayList<>();
        for (Parameter p : layer.parameters()) {
            out.add(values(p.value()));
        }
        return out;
    }

    /** {@code y = f(x W^T + b)}, W {@code [out, in]}, b {@code [1, out]}; weights N(0, 1/in), biases N(0, 0.1^2). */
    static final class Dense implements Layer {
        final String name;
        final int in;
        final int out;
        final ActivationFunction f;
        final Parameter weight;
        final Parameter bias;
        private final Map<Integer, Tensor[]> byBatch = new HashMap<>();
        private Tensor x;
        private Tensor[] last;
        /** Number of forward calls with {@code training=true}. */
        int trainingForwards;
        /** When not null, every row of every training forward's input is appended here. */
        List<double[]> trainingInputs;

        Dense(String name, int in, int out, ActivationFunction f, long seed) {
            this.name = name;
            this.in = in;
            this.out = out;
            this.f = f;
            Random random = new Random(seed);
            weight = new Parameter("weight", Parameter.Role.WEIGHT, gaussian(out, in, random, 1 / Math.sqrt(in)),
                    BACKEND.allocate(out, in, Precision.FLOAT64), in, out);
            bias = new Parameter("bias", Parameter.Role.BIAS, gaussian(1, out, random, 0.1),
                    BACKEND.allocate(1, out, Precision.FLOAT64), in, out);
        }

        public String name() { return name; }
        public int inputSize() { return in; }
        public int outputSize() { return out; }
        public List<Parameter> parameters() { return List.of(weight, bias); }

        public Tensor forward(Tensor input, boolean training) {
            ComputeBackend b = BACKEND;
            // z, y, gz, dx
            Tensor[] t = byBatch.computeIfAbsent(input.rows(), r -> new Tensor[] {
                b.allocate(r, out, Precision.FLOAT64), b.allocate(r, out, Precision.FLOAT64),
                b.allocate(r, out, Precision.FLOAT64), b.allocate(r, in, Precision.FLOAT64) });
            b.matmul(input, false, weight.value(), true, 1, 0, t[0]);
            b.addRowVector(bias.value(), t[0]);
            if (f == null) {
                b.copy(t[0], t[1]);
            } else {
                b.activate(f, t[0], t[1]);
            }
            if (training) {
                trainingForwards++;
                if (trainingInputs != null) {
                    double[] v = values(input);
                    for (int r = 0; r < input.rows(); r++) {
                        trainingInputs.add(java.util.Arrays.copyOfRange(v, r * in, (r + 1) * in));
                    }
                }
            }
            x = input;
            last = t;
            return t[1];
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
            BACKEND.matmul(gz, false, weight.value(), false, 1, 0, last[3]);
            return last[3];
        }

        public void close() { }
    }

    /** {@code y = x + beta}, {@code beta [1, C]} a {@code BIAS} parameter: a normalization's shift, say. */
    static final class Shift implements Layer {
        final String name;
        final int features;
        final Parameter beta;
        private Tensor y;

        Shift(String name, int features) {
            this.name = name;
            this.features = features;
            beta = new Parameter("bias", Parameter.Role.BIAS, BACKEND.allocate(1, features, Precision.FLOAT64),
                    BACKEND.allocate(1, features, Precision.FLOAT64), 1, 1);
        }

        public String name() { return name; }
        public int inputSize() { return features; }
        public int outputSize() { return features; }
        public List<Parameter> parameters() { return List.of(beta); }

        public Tensor forward(Tensor input, boolean training) {
            if (y == null || y.rows() != input.rows()) {
                y = BACKEND.allocate(input.rows(), features, Precision.FLOAT64);
            }
            BACKEND.copy(input, y);
            BACKEND.addRowVector(beta.value(), y);
            return y;
        }

        public Tensor backward(Tensor gy) {
            BACKEND.sumRows(gy, 1, beta.gradient());
            return gy;
        }

        public void close() { }
    }

    /** {@code y = x}: a layer without parameters, which no pre-trainer can train. */
    static final class Identity implements Layer {
        final String name;
        final int features;

        Identity(String name, int features) {
            this.name = name;
            this.features = features;
        }

        public String name() { return name; }
        public int inputSize() { return features; }
        public int outputSize() { return features; }
        public List<Parameter> parameters() { return List.of(); }
        public Tensor forward(Tensor input, boolean training) { return input; }
        public Tensor backward(Tensor gy) { return gy; }
        public void close() { }
    }
}
