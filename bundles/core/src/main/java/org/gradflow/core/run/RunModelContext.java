package org.gradflow.core.run;

import java.util.List;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.core.nn.DenseLayer;

/** What an architecture sees of a run: sizes, the backend, and each hidden layer's activation. */
final class RunModelContext implements ModelContext {
    private final ComputeBackend backend;
    private final Precision precision;
    private final int inputSize;
    private final int outputSize;
    private final List<Integer> hidden;
    private final List<ActivationFunction> activations;
    private final Settings settings;

    RunModelContext(ComputeBackend backend, Precision precision, int inputSize, int outputSize, List<Integer> hidden,
            List<ActivationFunction> activations, Settings settings) {
        this.backend = backend;
        this.precision = precision;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.hidden = List.copyOf(hidden);
        this.activations = List.copyOf(activations);
        this.settings = settings;
    }

    @Override
    public ComputeBackend backend() {
        return backend;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public Layer dense(String name, int in, int out, ActivationFunction f) {
        return new DenseLayer(name, in, out, f, backend, precision);
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public List<Integer> hiddenSizes() {
        return hidden;
    }

    @Override
    public ActivationFunction hiddenActivation(int index) {
        if (index < 1 || index > hidden.size()) {
            throw new IllegalArgumentException("hidden layer index " + index + " outside 1.." + hidden.size());
        }
        return activations.get(index - 1);
    }

    @Override
    public Settings settings() {
        return settings;
    }
}
