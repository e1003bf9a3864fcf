package org.gradflow.api.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.tensor.Tensor;

/**
 * Layers applied in order and seen as one: {@code y = p_k(... p_1(x))}, e.g. a hidden layer made of
 * dense, normalization and activation, or a residual block's branch. Each part's parameters and
 * buffers appear as {@code <prefix><name>} ({@code norm1.weight}), sharing the part's tensors and
 * frozen flag ({@link Parameter#renamed}); a part with an empty prefix keeps its parameters as they
 * are. Backward runs the parts in reverse; only the first part may skip its input gradient, since
 * every later part's input gradient feeds the part before it.
 */
public final class Sequential implements Layer {
    /** One part and the prefix of its parameter and buffer names. */
    public record Part(String prefix, Layer layer) {
    }

    private final String name;
    private final List<Part> parts;
    private final List<Parameter> parameters = new ArrayList<>();

    /** @param parts applied in this order; {@code null} layers (a normalization the spec omits) are skipped */
    public Sequential(String name, List<Part> parts) {
        List<Part> present = new ArrayList<>();
        for (Part part : parts) {
            if (part.layer() != null) {
                present.add(part);
            }
        }
        if (present.isEmpty()) {
            throw new IllegalArgumentException(name + ": a sequence needs at least one layer");
        }
        for (int i = 1; i < present.size(); i++) {
            Layer before = present.get(i - 1).layer();
            Layer after = present.get(i).layer();
            if (before.outputSize() != after.inputSize()) {
                throw new IllegalArgumentException(name + ": " + before.name() + " gives " + before.outputSize()
                        + " features but " + after.name() + " takes " + after.inputSize());
            }
        }
        this.name = name;
        this.parts = List.copyOf(present);
        for (Part part : this.parts) {
            for (Parameter p : part.layer().parameters()) {
                parameters.add(part.prefix().isEmpty() ? p : p.renamed(part.prefix() + p.name()));
            }
        }
    }

    /** The parts' parameters under their prefixed names, in part order. */
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

    /** The parts' observations, in part order. */
    @Override
    public List<Observation> observations() {
        List<Observation> all = new ArrayList<>();
        for (Part part : parts) {
            all.addAll(part.layer().observations());
        }
        return all;
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
