package org.gradflow.recurrent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.architecture.Architecture;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.nn.Sequential;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;

/**
 * Test helpers: the reference backend in double precision, random tensors and parameters, activation
 * functions, layer options, and a {@link ModelContext} whose dense layer is a plain one written here
 * (the core's layers are not a dependency of this bundle).
 */
final class Fixtures {
    static final ReferenceBackend BACKEND = new ReferenceBackend();

    static final ActivationFunction TANH = GateFunction.TANH;

    /** {@code x / (1 + |x|)}, smooth, so finite differences are meaningful everywhere. */
    static final ActivationFunction SOFTSIGN = new ActivationFunction() {
        public double value(double x) {
            return x / (1 + Math.abs(x));
        }

        public double derivative(double x, double y) {
            double d = 1 + Math.abs(x);
            return 1 / (d * d);
        }
    };

    static final ActivationFunction IDENTITY = new ActivationFunction() {
        public double value(double x) {
            return x;
        }

        public double derivative(double x, double y) {
            return 1;
        }
    };

    /** The three cells by name, each made from its options (the RNN with tanh, the LSTM with forget-bias 1). */
    static final Map<String, Function<LayerOptions, SequenceLayer<?>>> CELLS = cells();

    private Fixtures() {
    }

    private static Map<String, Function<LayerOptions, SequenceLayer<?>>> cells() {
        Map<String, Function<LayerOptions, SequenceLayer<?>>> cells = new LinkedHashMap<>();
        cells.put("rnn", o -> new RnnLayer(o, TANH));
        cells.put("lstm", o -> new LstmLayer(o, 1.0));
        cells.put("gru", GruLayer::new);
        return cells;
    }

    /**
     * One forward and backward pass from zeroed gradients: each parameter's gradient by name, and the
     * input gradient as {@code input}.
     */
    static Map<String, double[]> gradients(Layer layer, Tensor x, Tensor gradOutput) {
        for (Parameter p : layer.parameters()) {
            p.gradient().backend().fill(p.gradient(), 0);
        }
        layer.forward(x, true);
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("input", values(layer.backward(gradOutput)));
        for (Parameter p : layer.parameters()) {
            out.put(p.name(), values(p.gradient()));
        }
        return out;
    }

    static LayerOptions options(String name, int features, int hidden, int steps, boolean sequence, int window,
            boolean learnInitialState) {
        return options(BACKEND, name, features, hidden, steps, sequence, window, learnInitialState);
    }

    static LayerOptions options(ComputeBackend backend, String name, int features, int hidden, int steps,
            boolean sequence, int window, boolean learnInitialState) {
        return new LayerOptions(name, features, hidden, steps, sequence, window, learnInitialState, backend,
                Precision.FLOAT64);
    }

    static Tensor tensor(int rows, int cols, long seed, double scale) {
        return tensor(BACKEND, rows, cols, seed, scale);
    }

    static Tensor tensor(ComputeBackend backend, int rows, int cols, long seed, double scale) {
        Random random = new Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * random.nextGaussian();
        }
        Tensor t = backend.allocate(rows, cols, Precision.FLOAT64);
        backend.upload(v, 0, t);
        return t;
    }

    /** Random values for every parameter, as an initializer would give: weights ~ N(0, 1/fanIn), the rest ~ N(0, 0.3²). */
    static void randomize(Layer layer, long seed) {
        Random random = new Random(seed);
        for (Parameter p : layer.parameters()) {
            double[] v = new double[(int) p.value().size()];
            double scale = p.role() == Parameter.Role.WEIGHT ? 1.0 / Math.sqrt(p.value().cols()) : 0.3;
            for (int i = 0; i < v.length; i++) {
                v[i] = scale * random.nextGaussian();
            }
            p.value().backend().upload(v, 0, p.value());
        }
    }

    static Parameter parameter(Layer layer, String name) {
        for (Parameter p : layer.parameters()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new AssertionError(layer.name() + " has no parameter " + name + ": " + layer.parameters());
    }

    static double[] values(Tensor t) {
        double[] v = new double[(int) t.size()];
        t.backend().download(t, v, 0);
        return v;
    }

    static void set(Parameter p, double... values) {
        p.value().backend().upload(values, 0, p.value());
    }

    /** The validated settings of an architecture, as the core makes them from {@code architecture.*} keys. */
    static Settings settings(Architecture architecture, Map<String, String> given) {
        return Settings.validate("architecture.", given, architecture.parameters());
    }

    /** Layers as one, their parameters named {@code <layer>.<param>}. */
    static Sequential network(List<Layer> layers) {
        return new Sequential("net", layers.stream().map(l -> new Sequential.Part(l.name() + ".", l)).toList());
    }

    /**
     * A context for data of {@code steps} steps, {@code inputs} features and {@code outputs} targets per
     * example, with tanh for every hidden layer and no normalization; tests override what they vary.
     */
    static class TestContext implements ModelContext {
        private final int inputs;
        private final int outputs;
        private final int steps;
        private final boolean outputPerStep;
        private final List<Integer> hidden;
        private final Settings settings;

        TestContext(int inputs, int outputs, int steps, boolean outputPerStep, List<Integer> hidden, Settings settings) {
            this.inputs = inputs;
            this.outputs = outputs;
            this.steps = steps;
            this.outputPerStep = outputPerStep;
            this.hidden = hidden;
            this.settings = settings;
        }

        public ComputeBackend backend() { return BACKEND; }
        public Precision precision() { return Precision.FLOAT64; }
        public Layer dense(String name, int in, int out, ActivationFunction f) { return new Dense(name, in, out, f); }
        public int inputSize() { return inputs; }
        public int steps() { return steps; }
        public boolean outputPerStep() { return outputPerStep; }
        public int outputSize() { return outputs; }
        public List<Integer> hiddenSizes() { return hidden; }
        public ActivationFunction hiddenActivation(int index) { return TANH; }
        public Layer hidden(int index, int in, int out) { throw new AssertionError("not used by recurrent nets"); }
        public Layer activation(int index, String name, int features) { throw new AssertionError("not used"); }
        public Layer normalization(int index, String name, int features) { return null; }
        public Settings settings() { return settings; }
    }

    /** {@code y = f(x W^T + b)} or, with f null, {@code x W^T + b}: W {@code [out, in]}, b {@code [1, out]}. */
    static final class Dense implements Layer {
        final String name;
        final int in;
        final int out;
        final ActivationFunction f;
        final Parameter weight;
        final Parameter bias;
        private Tensor x;
        private Tensor z;
        private Tensor y;
        private Tensor gz;
        private Tensor dx;

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

        public Tensor forward(Tensor input, boolean training) {
            if (z == null || z.rows() != input.rows()) {
                z = BACKEND.allocate(input.rows(), out, Precision.FLOAT64);
                y = BACKEND.allocate(input.rows(), out, Precision.FLOAT64);
                gz = BACKEND.allocate(input.rows(), out, Precision.FLOAT64);
                dx = BACKEND.allocate(input.rows(), in, Precision.FLOAT64);
            }
            BACKEND.matmul(input, false, weight.value(), true, 1, 0, z);
            BACKEND.addRowVector(bias.value(), z);
            if (f == null) {
                BACKEND.copy(z, y);
            } else {
                BACKEND.activate(f, z, y);
            }
            x = input;
            return y;
        }

        public Tensor backward(Tensor gy) {
            if (f == null) {
                BACKEND.copy(gy, gz);
            } else {
                BACKEND.activateBackward(f, z, y, gy, gz);
            }
            BACKEND.matmul(gz, true, x, false, 1, 1, weight.gradient());
            BACKEND.sumRows(gz, 1, bias.gradient());
            BACKEND.matmul(gz, false, weight.value(), false, 1, 0, dx);
            return dx;
        }

        public void close() { }
    }
}
