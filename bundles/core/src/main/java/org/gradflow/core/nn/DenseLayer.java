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

/**
 * Fully connected layer with an optional element-wise activation: {@code z = x W^T + b}, {@code y = f(z)}.
 * Shapes: x {@code [B, in]}, W {@code [out, in]} (PyTorch's {@code nn.Linear} layout), b {@code [1, out]},
 * z and y {@code [B, out]}.
 *
 * <p>Backward, given {@code gy = dL/dy}: {@code gz = gy * f'(z)}; {@code dW += gz^T x};
 * {@code db += sum over rows of gz}; {@code dx = gz W}.
 */
public final class DenseLayer implements Layer {
    private final String name;
    private final int in;
    private final int out;
    private final ActivationFunction activation;
    private final ComputeBackend backend;
    private final Precision precision;
    private final Parameter weight;
    private final Parameter bias;
    private final Map<Integer, Buffers> buffersByBatch = new HashMap<>();
    private boolean inputGradientNeeded = true;
    private Tensor lastInput;
    private Buffers last;

    /** Per-batch-size work tensors, allocated once and reused. */
    private final class Buffers {
        final Tensor z;
        final Tensor y;
        final Tensor gz;
        Tensor dx;

        Buffers(int rows) {
            z = backend.allocate(rows, out, precision);
            y = activation == null ? z : backend.allocate(rows, out, precision);
            gz = backend.allocate(rows, out, precision);
        }

        Tensor dx() {
            if (dx == null) {
                dx = backend.allocate(z.rows(), in, precision);
            }
            return dx;
        }

        void close() {
            z.close();
            y.close();
            gz.close();
            if (dx != null) {
                dx.close();
            }
        }
    }

    /** @param activation {@code f}, or {@code null} for none (logits) */
    public DenseLayer(String name, int in, int out, ActivationFunction activation, ComputeBackend backend,
            Precision precision) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException(name + ": sizes must be positive, got " + in + " -> " + out);
        }
        this.name = name;
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.backend = backend;
        this.precision = precision;
        this.weight = new Parameter("weight", Parameter.Role.WEIGHT, backend.allocate(out, in, precision),
                backend.allocate(out, in, precision), in, out);
        this.bias = new Parameter("bias", Parameter.Role.BIAS, backend.allocate(1, out, precision),
                backend.allocate(1, out, precision), in, out);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    /** The activation, or {@code null}. */
    public ActivationFunction activation() {
        return activation;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (input.cols() != in) {
            throw new IllegalArgumentException(name + ": expected " + in + " input features, got " + input.cols());
        }
        Buffers b = buffersByBatch.computeIfAbsent(input.rows(), Buffers::new);
        backend.matmul(input, false, weight.value(), true, 1, 0, b.z);
        backend.addRowVector(bias.value(), b.z);
        if (activation != null) {
            backend.activate(activation, b.z, b.y);
        }
        lastInput = input;
        last = b;
        return b.y;
    }

    @Override
    public List<Observation> observations() {
        Buffers b = last;
        return activation == null || b == null ? List.of() : List.of(new Observation(activation, b.z, b.y));
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Buffers b = last;
        if (b == null || gradOutput.rows() != b.z.rows()) {
            throw new IllegalStateException(name + ": backward without a matching forward");
        }
        Tensor gz = gradOutput;
        if (activation != null) {
            backend.activateBackward(activation, b.z, b.y, gradOutput, b.gz);
            gz = b.gz;
        }
        if (!weight.frozen()) {
            backend.matmul(gz, true, lastInput, false, 1, 1, weight.gradient());
        }
        if (!bias.frozen()) {
            backend.sumRows(gz, 1, bias.gradient());
        }
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dx = b.dx();
        backend.matmul(gz, false, weight.value(), false, 1, 0, dx);
        return dx;
    }

    @Override
    public void close() {
        buffersByBatch.values().forEach(Buffers::close);
        buffersByBatch.clear();
        for (Parameter p : parameters()) {
            p.value().close();
            p.gradient().close();
        }
    }
}
