package org.gradflow.pretrainers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.gradflow.testkit.TestDense;
import org.gradflow.testkit.TestTensors;

/**
 * Layers for the tests (the core's layers are not a dependency of this bundle), on the
 * {@link ReferenceBackend} in double precision: the test kit's dense layer with seeded values and
 * training-forward records, a normalization-like shift and a layer without parameters.
 */
final class TestLayers {
    static final ReferenceBackend BACKEND = new ReferenceBackend();

    private TestLayers() {
    }

    static Tensor tensor(int rows, int cols, double... values) {
        Tensor t = BACKEND.allocate(rows, cols, Precision.FLOAT64);
        BACKEND.upload(values, 0, t);
        return t;
    }

    /** A FLOAT64 tensor of N(0, scale²) values on {@link #BACKEND}. */
    static Tensor gaussian(int rows, int cols, Random random, double scale) {
        return TestTensors.gaussian(BACKEND, rows, cols, random, scale);
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

    /**
     * A {@link TestDense} with weights N(0, 1/in) and biases N(0, 0.1²) from {@code new Random(seed)},
     * which counts its training forwards and, when asked, records their inputs.
     */
    static final class Dense implements Layer {
        private final TestDense dense;
        final Parameter weight;
        final Parameter bias;
        /** Number of forward calls with {@code training=true}. */
        int trainingForwards;
        /** When not null, every row of every training forward's input is appended here. */
        List<double[]> trainingInputs;

        Dense(String name, int in, int out, ActivationFunction f, long seed) {
            dense = new TestDense(name, in, out, f, BACKEND, Precision.FLOAT64);
            weight = dense.weight();
            bias = dense.bias();
            Random random = new Random(seed);
            TestTensors.fill(weight.value(), random, 1 / Math.sqrt(in));
            TestTensors.fill(bias.value(), random, 0.1);
        }

        public String name() { return dense.name(); }
        public int inputSize() { return dense.inputSize(); }
        public int outputSize() { return dense.outputSize(); }
        public List<Parameter> parameters() { return dense.parameters(); }
        public void setInputGradientNeeded(boolean needed) { dense.setInputGradientNeeded(needed); }

        public Tensor forward(Tensor input, boolean training) {
            Tensor y = dense.forward(input, training);
            if (training) {
                trainingForwards++;
                if (trainingInputs != null) {
                    double[] v = values(input);
                    int in = dense.inputSize();
                    for (int r = 0; r < input.rows(); r++) {
                        trainingInputs.add(java.util.Arrays.copyOfRange(v, r * in, (r + 1) * in));
                    }
                }
            }
            return y;
        }

        public Tensor backward(Tensor gy) { return dense.backward(gy); }
        public void close() { dense.close(); }
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
