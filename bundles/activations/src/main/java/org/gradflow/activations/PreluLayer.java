package org.gradflow.activations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * The learned PReLU layer over {@code units} features. Shapes: x, y, gy, gx {@code [B, units]}; the
 * slopes {@code a} (parameter {@code weight}) and their gradient {@code [1, units]}.
 *
 * <pre>
 * forward:   y[i,j]  = x[i,j]                  if x[i,j] > 0, else a[j] * x[i,j]     (backend.prelu)
 * backward:  gx[i,j] = gy[i,j]                 if x[i,j] > 0, else a[j] * gy[i,j]
 *            da[j]  += sum_i gy[i,j] * min(x[i,j], 0)                               (backend.preluBackward)
 * </pre>
 *
 * The slopes are {@link Parameter.Role#SELF_INITIALIZED}: filled with {@code init} here, untouched by
 * the run's initializer; {@code fanIn = fanOut = units}. Backward uses the input of the last training
 * forward (held by reference, as the core's dense layer does: it stays valid until the producer's next
 * forward). Buffers are kept per batch size and reused. A frozen slope parameter gets no gradient: the
 * backend's accumulation then goes into a scratch tensor.
 */
final class PreluLayer implements Layer {
    private final String name;
    private final int units;
    private final ComputeBackend backend;
    private final Precision precision;
    private final Parameter weight;
    private final Map<Integer, Buffers> buffersByBatch = new HashMap<>();
    private boolean inputGradientNeeded = true;
    private Tensor lastInput;
    private Buffers last;
    private Tensor scratchSlopeGradient;

    /** Per-batch-size work tensors, allocated once and reused. */
    private final class Buffers {
        final Tensor y;
        Tensor gx;

        Buffers(int rows) {
            y = backend.allocate(rows, units, precision);
        }

        Tensor gx() {
            if (gx == null) {
                gx = backend.allocate(y.rows(), units, precision);
            }
            return gx;
        }

        void close() {
            y.close();
            if (gx != null) {
                gx.close();
            }
        }
    }

    /** @param init the initial slope of every unit */
    PreluLayer(String name, int units, double init, ComputeBackend backend, Precision precision) {
        if (units <= 0) {
            throw new IllegalArgumentException(name + ": units must be positive, got " + units);
        }
        this.name = name;
        this.units = units;
        this.backend = backend;
        this.precision = precision;
        Tensor value = backend.allocate(1, units, precision);
        Tensor gradient = backend.allocate(1, units, precision);
        backend.fill(value, init);
        backend.fill(gradient, 0);
        this.weight = new Parameter("weight", Parameter.Role.SELF_INITIALIZED, value, gradient, units, units);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return units;
    }

    @Override
    public int outputSize() {
        return units;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (input.cols() != units) {
            throw new IllegalArgumentException(name + ": expected " + units + " input features, got " + input.cols());
        }
        Buffers b = buffersByBatch.computeIfAbsent(input.rows(), Buffers::new);
        backend.prelu(input, weight.value(), b.y);
        if (training) {
            lastInput = input;
            last = b;
        }
        return b.y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Buffers b = last;
        if (b == null || gradOutput.rows() != b.y.rows() || gradOutput.cols() != units) {
            throw new IllegalStateException(name + ": backward without a matching training forward");
        }
        if (weight.frozen() && !inputGradientNeeded) {
            return null;
        }
        Tensor gradSlope = weight.gradient();
        if (weight.frozen()) {
            if (scratchSlopeGradient == null) {
                scratchSlopeGradient = backend.allocate(1, units, precision);
            }
            backend.fill(scratchSlopeGradient, 0); // discarded; kept from growing without bound
            gradSlope = scratchSlopeGradient;
        }
        Tensor gx = b.gx();
        backend.preluBackward(gradOutput, lastInput, weight.value(), gradSlope, gx);
        return inputGradientNeeded ? gx : null;
    }

    @Override
    public void close() {
        buffersByBatch.values().forEach(Buffers::close);
        buffersByBatch.clear();
        last = null;
        lastInput = null;
        weight.value().close();
        weight.gradient().close();
        if (scratchSlopeGradient != null) {
            scratchSlopeGradient.close();
            scratchSlopeGradient = null;
        }
    }
}
