package org.gradflow.recurrent;

import java.util.ArrayList;
import java.util.List;

import org.gradflow.api.tensor.Tensor;

/**
 * The tensors a {@link SequenceLayer} uses for one batch size, allocated once and reused; a cell adds its own with
 * {@link #tensor} and {@link #perStep}, and {@link #close} releases them all.
 */
class Workspace {
    private final List<Tensor> all = new ArrayList<>();
    private final SequenceLayer<?> layer;
    final int rows;
    /** The current step's input {@code x_t [B, F]}. */
    final Tensor x;
    /** {@code h[s]}: the hidden state after s steps {@code [B, H]}; {@code h[0]} is the initial state. */
    final Tensor[] h;
    /** Every step's hidden state {@code [B, T*H]}, when the layer returns the sequence. */
    final Tensor output;
    /** {@code dL/dh} of the current step and of the step before it, swapped each step back. */
    final Tensor dhA;
    final Tensor dhB;
    /** {@code dL/dx_t [B, F]}. */
    final Tensor dx;
    private Tensor gradInput;

    Workspace(SequenceLayer<?> layer, int rows) {
        this.layer = layer;
        this.rows = rows;
        x = tensor(layer.features);
        h = perStep(layer.steps + 1, layer.hidden);
        output = layer.returnsSequence ? tensor(layer.steps * layer.hidden) : null;
        dhA = tensor(layer.hidden);
        dhB = tensor(layer.hidden);
        dx = tensor(layer.features);
    }

    /** {@code dL/dinput [B, T*F]}, allocated on first use (the first layer of a network never needs it). */
    final Tensor gradInput() {
        if (gradInput == null) {
            gradInput = tensor(layer.steps * layer.features);
        }
        return gradInput;
    }

    final Tensor tensor(int cols) {
        Tensor t = layer.backend.allocate(rows, cols, layer.precision);
        all.add(t);
        return t;
    }

    final Tensor[] perStep(int count, int cols) {
        Tensor[] ts = new Tensor[count];
        for (int i = 0; i < count; i++) {
            ts[i] = tensor(cols);
        }
        return ts;
    }

    final void close() {
        all.forEach(Tensor::close);
        all.clear();
    }
}
