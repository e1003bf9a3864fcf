package org.gradflow.recurrent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.ReferenceBackend;
import org.gradflow.testkit.TestDense;
import org.gradflow.testkit.TestTensors;

/**
 * Test helpers: the reference backend in double precision, random tensors, activation functions, layer
 * options, and a {@link ModelContext} whose dense layer is the test kit's {@link TestDense} (the core's
 * layers are not a dependency of this bundle).
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

    /** A FLOAT64 tensor of N(0, scale²) values from {@code new Random(seed)} on {@link #BACKEND}. */
    static Tensor tensor(int rows, int cols, long seed, double scale) {
        return TestTensors.gaussian(BACKEND, rows, cols, seed, scale);
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
        return GradientCheck.download(t);
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

    static TestDense dense(String name, int in, int out, ActivationFunction f) {
        return new TestDense(name, in, out, f, BACKEND, Precision.FLOAT64);
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
        public Layer dense(String name, int in, int out, ActivationFunction f) { return Fixtures.dense(name, in, out, f); }
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
}
