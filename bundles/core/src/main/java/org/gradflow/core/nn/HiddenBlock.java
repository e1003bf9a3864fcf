package org.gradflow.core.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Tensor;

/**
 * One hidden layer made of parts applied in order: a dense layer, then normalization and activation
 * in the order the spec chose (e.g. dense, batch-norm, relu). It appears as one layer named
 * {@code fc<i>} in the gradient table and the checkpoint; the parts' parameters and buffers are
 * named {@code <part>.<name>} ({@code norm.weight}, {@code act.weight}), the dense layer's keep
 * {@code weight} and {@code bias}.
 */
public final class HiddenBlock implements Layer {
    /** A part of the block and the prefix of its parameter names ("" for the dense layer). */
    public record Part(String prefix, Layer layer) {
    }

    private final String name;
    private final List<Part> parts;
    private final List<Parameter> parameters = new ArrayList<>();

    public HiddenBlock(String name, List<Part> parts) {
        this.name = name;
        this.parts = List.copyOf(parts);
        for (Part part : parts) {
            for (Parameter p : part.layer().parameters()) {
                parameters.add(part.prefix().isEmpty() ? p : p.renamed(part.prefix() + p.name()));
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return parts.get(0).layer().inputSize();
    }

    @Override
    public int outputSize() {
        return parts.get(parts.size() - 1).layer().outputSize();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Part part : parts) {
            part.layer().buffers().forEach((k, v) -> out.put(part.prefix() + k, v));
        }
        return out;
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        parts.get(0).layer().setInputGradientNeeded(needed);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Tensor h = input;
        for (Part part : parts) {
            h = part.layer().forward(h, training);
        }
        return h;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Tensor g = gradOutput;
        for (int i = parts.size() - 1; i >= 0; i--) {
            g = parts.get(i).layer().backward(g);
        }
        return g;
    }

    @Override
    public void close() {
        parts.forEach(p -> p.layer().close());
    }
}
