package org.gradflow.testkit;

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
 * The plain dense layer for tests of bundles that may not depend on the core (whose dense layer is the
 * real one): {@code y = f(x W^T + b)}, or {@code x W^T + b} without an activation function. The weight
 * {@code W} is {@code [out, in]} ({@link Parameter.Role#WEIGHT}, named {@code weight}), the bias
 * {@code b} is {@code [1, out]} ({@link Parameter.Role#BIAS}, named {@code bias}); both start as the
 * backend allocates them (zeros) until a test fills them, e.g. with {@link TestTensors#randomize}.
 *
 * <p>All arithmetic goes through the given {@link ComputeBackend}. {@link #backward} adds into the
 * parameters' gradients and skips the input gradient when {@link #setInputGradientNeeded} turned it
 * off. Buffers are made once per batch size and reused; {@link #close} releases every tensor.
 */
public final class TestDense implements Layer {
    private final String name;
    private final int in;
    private final int out;
    private final ActivationFunction f;
    private final ComputeBackend backend;
    private final Precision precision;
    private final Parameter weight;
    private final Parameter bias;
    private final Map<Integer, Buffers> byBatch = new HashMap<>();
    private boolean inputGradientNeeded = true;
    private Tensor x;
    private Buffers last;

    /** The tensors of one batch size {@code B}: {@code z = x W^T + b}, {@code y = f(z)}, {@code dL/dz}, {@code dL/dx}. */
    private record Buffers(Tensor z, Tensor y, Tensor gz, Tensor dx) {
    }

    /**
     * @param f the activation function, or {@code null} for none (the identity)
     */
    public TestDense(String name, int in, int out, ActivationFunction f, ComputeBackend backend, Precision precision) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.f = f;
        this.backend = backend;
        this.precision = precision;
        weight = new Parameter("weight", Parameter.Role.WEIGHT, backend.allocate(out, in, precision),
                backend.allocate(out, in, precision), in, out);
        bias = new Parameter("bias", Parameter.Role.BIAS, backend.allocate(1, out, precision),
                backend.allocate(1, out, precision), in, out);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    /** The activation function, {@code null} for none. */
    public ActivationFunction activation() {
        return f;
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
        Buffers b = byBatch.computeIfAbsent(input.rows(), r -> new Buffers(backend.allocate(r, out, precision),
                backend.allocate(r, out, precision), backend.allocate(r, out, precision),
                backend.allocate(r, in, precision)));
        backend.matmul(input, false, weight.value(), true, 1, 0, b.z());
        backend.addRowVector(bias.value(), b.z());
        if (f == null) {
            backend.copy(b.z(), b.y());
        } else {
            backend.activate(f, b.z(), b.y());
        }
        x = input;
        last = b;
        return b.y();
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (last == null) {
            throw new IllegalStateException(name + ": backward without a forward");
        }
        if (f == null) {
            backend.copy(gradOutput, last.gz());
        } else {
            backend.activateBackward(f, last.z(), last.y(), gradOutput, last.gz());
        }
        backend.matmul(last.gz(), true, x, false, 1, 1, weight.gradient());
        backend.sumRows(last.gz(), 1, bias.gradient());
        if (!inputGradientNeeded) {
            return null;
        }
        backend.matmul(last.gz(), false, weight.value(), false, 1, 0, last.dx());
        return last.dx();
    }

    @Override
    public void close() {
        for (Buffers b : byBatch.values()) {
            b.z().close();
            b.y().close();
            b.gz().close();
            b.dx().close();
        }
        byBatch.clear();
        last = null;
        x = null;
        for (Parameter p : parameters()) {
            p.value().close();
            p.gradient().close();
        }
    }
}
