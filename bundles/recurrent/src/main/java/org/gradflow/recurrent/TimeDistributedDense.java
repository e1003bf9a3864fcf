package org.gradflow.recurrent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * One dense layer applied at every time step with the same weights, the output layer of a many-to-many
 * network (Keras' {@code TimeDistributed(Dense)}): input {@code [B, T*H]}, output {@code [B, T*K]}.
 * <pre>
 * y_t = h_t W^T + b                           W [K, H], b [1, K]; h_t, y_t column blocks t of input, output
 * backward, given gy_t:  dW += sum_t gy_t^T h_t    db += sum_t sum over the batch of gy_t    dh_t = gy_t W
 * </pre>
 * No activation: the per-step logits feed the loss.
 */
final class TimeDistributedDense implements Layer {
    private final String name;
    private final int in;
    private final int out;
    private final int steps;
    private final ComputeBackend backend;
    private final Precision precision;
    private final Parameter weight;
    private final Parameter bias;
    private final Map<Integer, Buffers> buffersByBatch = new HashMap<>();
    private boolean inputGradientNeeded = true;
    private Buffers last;
    private Tensor lastInput;

    /** Per-batch-size tensors: one step's input, output and their gradients, and the whole sequences. */
    private final class Buffers {
        final Tensor x;
        final Tensor y;
        final Tensor gy;
        final Tensor dx;
        final Tensor output;
        final Tensor gradInput;

        Buffers(int rows) {
            x = backend.allocate(rows, in, precision);
            y = backend.allocate(rows, out, precision);
            gy = backend.allocate(rows, out, precision);
            dx = backend.allocate(rows, in, precision);
            output = backend.allocate(rows, steps * out, precision);
            gradInput = backend.allocate(rows, steps * in, precision);
        }

        void close() {
            for (Tensor t : List.of(x, y, gy, dx, output, gradInput)) {
                t.close();
            }
        }
    }

    /** Maps {@code in} features per step to {@code out} per step, over {@code steps} steps. */
    TimeDistributedDense(String name, int in, int out, int steps, ComputeBackend backend, Precision precision) {
        if (in <= 0 || out <= 0 || steps <= 0) {
            throw new IllegalArgumentException(name + ": sizes must be positive, got " + in + " -> " + out + " x "
                    + steps + " steps");
        }
        this.name = name;
        this.in = in;
        this.out = out;
        this.steps = steps;
        this.backend = backend;
        this.precision = precision;
        weight = new Parameter("weight", Parameter.Role.WEIGHT, backend.allocate(out, in, precision),
                backend.allocate(out, in, precision), in, out);
        bias = new Parameter("bias", Parameter.Role.BIAS, backend.allocate(1, out, precision),
                backend.allocate(1, out, precision), in, out);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return steps * in;
    }

    @Override
    public int outputSize() {
        return steps * out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        inputGradientNeeded = needed;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (input.cols() != steps * in) {
            throw new IllegalArgumentException(name + ": expected " + steps + " steps x " + in + " features = "
                    + steps * in + " inputs per example, got " + input.cols());
        }
        Buffers b = buffersByBatch.computeIfAbsent(input.rows(), Buffers::new);
        for (int t = 0; t < steps; t++) {
            backend.copyColumns(input, t * in, b.x, 0, in, 0);
            backend.matmul(b.x, false, weight.value(), true, 1, 0, b.y);
            backend.addRowVector(bias.value(), b.y);
            backend.copyColumns(b.y, 0, b.output, t * out, out, 0);
        }
        last = b;
        lastInput = input;
        return b.output;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Buffers b = last;
        if (b == null || gradOutput.rows() != b.output.rows() || gradOutput.cols() != steps * out) {
            throw new IllegalStateException(name + ": backward without a matching forward");
        }
        for (int t = 0; t < steps; t++) {
            backend.copyColumns(gradOutput, t * out, b.gy, 0, out, 0);
            if (!weight.frozen()) {
                backend.copyColumns(lastInput, t * in, b.x, 0, in, 0);
                backend.matmul(b.gy, true, b.x, false, 1, 1, weight.gradient());
            }
            if (!bias.frozen()) {
                backend.sumRows(b.gy, 1, bias.gradient());
            }
            if (inputGradientNeeded) {
                backend.matmul(b.gy, false, weight.value(), false, 1, 0, b.dx);
                backend.copyColumns(b.dx, 0, b.gradInput, t * in, in, 0);
            }
        }
        return inputGradientNeeded ? b.gradInput : null;
    }

    @Override
    public void close() {
        buffersByBatch.values().forEach(Buffers::close);
        buffersByBatch.clear();
        last = null;
        lastInput = null;
        for (Parameter p : parameters()) {
            p.value().close();
            p.gradient().close();
        }
    }
}
