package org.gradflow.core.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/** An element-wise activation as a layer of its own: {@code y = f(x)}, backward {@code gx = gy * f'(x)}. */
public final class ActivationLayer implements Layer {
    private final String name;
    private final int features;
    private final ActivationFunction f;
    private final ComputeBackend backend;
    private final Precision precision;
    private final Map<Integer, Tensor[]> buffersByBatch = new HashMap<>();
    private Tensor lastInput;
    private Tensor[] last;

    public ActivationLayer(String name, int features, ActivationFunction f, ComputeBackend backend, Precision precision) {
        this.name = name;
        this.features = features;
        this.f = f;
        this.backend = backend;
        this.precision = precision;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return features;
    }

    @Override
    public int outputSize() {
        return features;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Tensor[] b = buffersByBatch.computeIfAbsent(input.rows(),
                rows -> new Tensor[] {backend.allocate(rows, features, precision), backend.allocate(rows, features, precision)});
        backend.activate(f, input, b[0]);
        lastInput = input;
        last = b;
        return b[0];
    }

    @Override
    public java.util.List<Observation> observations() {
        return last == null ? java.util.List.of() : java.util.List.of(new Observation(f, lastInput, last[0]));
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        backend.activateBackward(f, lastInput, last[0], gradOutput, last[1]);
        return last[1];
    }

    @Override
    public void close() {
        buffersByBatch.values().forEach(b -> {
            b[0].close();
            b[1].close();
        });
        buffersByBatch.clear();
    }
}
