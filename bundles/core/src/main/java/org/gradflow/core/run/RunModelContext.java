package org.gradflow.core.run;

import java.util.ArrayList;
import java.util.List;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Sequential;
import org.gradflow.api.normalization.Normalization;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.core.nn.ActivationLayer;
import org.gradflow.core.nn.DenseLayer;

/**
 * What an architecture sees of a run: sizes, the backend, and each hidden layer's activation and
 * normalization (the spec's defaults with per-layer overrides applied).
 */
final class RunModelContext implements ModelContext {
    /** The activation of one hidden layer: the component, its settings, and its element-wise function. */
    record ActivationChoice(Activation component, Settings settings, ActivationFunction function) {
    }

    /** The normalization of one hidden layer, or {@code null} in its place for none. */
    record NormalizationChoice(Normalization component, Settings settings) {
    }

    private final ComputeBackend backend;
    private final Precision precision;
    private final int inputSize;
    private final int outputSize;
    private final int steps;
    private final boolean outputPerStep;
    private final List<Integer> hidden;
    private final List<ActivationChoice> activations;
    private final List<NormalizationChoice> normalizations;
    private final boolean normalizeBeforeActivation;
    private final Settings settings;

    RunModelContext(ComputeBackend backend, Precision precision, int inputSize, int outputSize, int steps,
            boolean outputPerStep, List<Integer> hidden,
            List<ActivationChoice> activations, List<NormalizationChoice> normalizations,
            boolean normalizeBeforeActivation, Settings settings) {
        this.backend = backend;
        this.precision = precision;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.steps = steps;
        this.outputPerStep = outputPerStep;
        this.hidden = List.copyOf(hidden);
        this.activations = List.copyOf(activations);
        this.normalizations = new ArrayList<>(normalizations);
        this.normalizeBeforeActivation = normalizeBeforeActivation;
        this.settings = settings;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public boolean outputPerStep() {
        return outputPerStep;
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
    public Layer hidden(int index, int in, int out) {
        checkIndex(index);
        String name = "fc" + index;
        ActivationChoice a = activations.get(index - 1);
        NormalizationChoice n = normalizations.get(index - 1);
        Layer learnedActivation = a.component().layer(name + ".act", out, a.settings(), this);
        if (n == null && learnedActivation == null) {
            return dense(name, in, out, a.function());
        }
        Layer activation = learnedActivation != null ? learnedActivation
                : new ActivationLayer(name + ".act", out, a.function(), backend, precision);
        List<Sequential.Part> parts = new ArrayList<>();
        parts.add(new Sequential.Part("", dense(name, in, out, null)));
        if (n == null) {
            parts.add(new Sequential.Part("act.", activation));
        } else {
            Sequential.Part norm = new Sequential.Part("norm.", n.component().create(name + ".norm", out, n.settings(), this));
            if (normalizeBeforeActivation) {
                parts.add(norm);
                parts.add(new Sequential.Part("act.", activation));
            } else {
                parts.add(new Sequential.Part("act.", activation));
                parts.add(norm);
            }
        }
        return new Sequential(name, parts);
    }

    @Override
    public Layer activation(int index, String name, int features) {
        checkIndex(index);
        ActivationChoice a = activations.get(index - 1);
        Layer learned = a.component().layer(name, features, a.settings(), this);
        return learned != null ? learned : new ActivationLayer(name, features, a.function(), backend, precision);
    }

    @Override
    public Layer normalization(int index, String name, int features) {
        checkIndex(index);
        NormalizationChoice n = normalizations.get(index - 1);
        return n == null ? null : n.component().create(name, features, n.settings(), this);
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
        checkIndex(index);
        return activations.get(index - 1).function();
    }

    private void checkIndex(int index) {
        if (index < 1 || index > hidden.size()) {
            throw new IllegalArgumentException("hidden layer index " + index + " outside 1.." + hidden.size());
        }
    }

    @Override
    public Settings settings() {
        return settings;
    }
}
