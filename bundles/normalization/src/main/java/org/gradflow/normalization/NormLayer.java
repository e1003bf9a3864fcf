package org.gradflow.normalization;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.NormAxis;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * The layer both components create: normalize along {@code axis}, then scale and shift per feature.
 * {@link NormAxis#BATCH} is batch normalization (see {@link BatchNorm}, running statistics, evaluation
 * with them); {@link NormAxis#FEATURES} is layer normalization (see {@link LayerNorm}, the same
 * computation in both modes, no buffers).
 *
 * <p>Shapes: x, xhat, y, gy, gxhat, gx {@code [B, C]}; gamma ({@code weight}), beta ({@code bias}),
 * running_mean, running_var {@code [1, C]}; mean, var {@code [1, C]} for BATCH, {@code [B, 1]} for
 * FEATURES. Work tensors are kept per batch size, one set for training and one for evaluation, so an
 * evaluation forward never overwrites what the next backward needs.
 */
final class NormLayer implements Layer {
    private final String name;
    private final int features;
    private final NormAxis axis;
    private final double eps;
    private final double momentum;
    private final ComputeBackend backend;
    private final Precision precision;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Map<Integer, Buffers> training = new HashMap<>();
    private final Map<Integer, Buffers> evaluation = new HashMap<>();
    private boolean inputGradientNeeded = true;
    private Buffers last;

    /** Per-batch-size work tensors, allocated once and reused; gradient tensors on first backward. */
    private final class Buffers {
        final Tensor mean;
        final Tensor var;
        final Tensor xhat;
        final Tensor y;
        Tensor gradXhat;
        Tensor gradX;

        Buffers(int rows) {
            int statRows = axis == NormAxis.BATCH ? 1 : rows;
            int statCols = axis == NormAxis.BATCH ? features : 1;
            mean = backend.allocate(statRows, statCols, precision);
            var = backend.allocate(statRows, statCols, precision);
            xhat = backend.allocate(rows, features, precision);
            y = backend.allocate(rows, features, precision);
        }

        void allocateGradients() {
            if (gradXhat == null) {
                gradXhat = backend.allocate(xhat.rows(), features, precision);
                gradX = backend.allocate(xhat.rows(), features, precision);
            }
        }

        void close() {
            for (Tensor t : new Tensor[] {mean, var, xhat, y, gradXhat, gradX}) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    /** @param momentum weight of the batch statistic in the running ones (BATCH only; ignored otherwise) */
    NormLayer(String name, int features, NormAxis axis, double eps, double momentum, ComputeBackend backend,
            Precision precision) {
        if (features <= 0 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name + ": need features > 0, eps > 0 and momentum in [0, 1], got "
                    + features + ", " + eps + " and " + momentum);
        }
        this.name = name;
        this.features = features;
        this.axis = axis;
        this.eps = eps;
        this.momentum = momentum;
        this.backend = backend;
        this.precision = precision;
        this.weight = parameter("weight", 1);
        this.bias = parameter("bias", 0);
        if (axis == NormAxis.BATCH) {
            runningMean = backend.allocate(1, features, precision);
            runningVar = backend.allocate(1, features, precision);
            backend.fill(runningMean, 0);
            backend.fill(runningVar, 1);
        } else {
            runningMean = null;
            runningVar = null;
        }
    }

    private Parameter parameter(String local, double initial) {
        Tensor value = backend.allocate(1, features, precision);
        backend.fill(value, initial);
        Tensor gradient = backend.allocate(1, features, precision);
        backend.fill(gradient, 0);
        return new Parameter(local, Parameter.Role.SELF_INITIALIZED, value, gradient, features, features);
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
        return List.of(weight, bias);
    }

    /** {@code running_mean} and {@code running_var} for batch normalization; none for layer normalization. */
    @Override
    public Map<String, Tensor> buffers() {
        if (runningMean == null) {
            return Map.of();
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("running_mean", runningMean);
        m.put("running_var", runningVar);
        return m;
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    @Override
    public Tensor forward(Tensor input, boolean train) {
        if (input.cols() != features) {
            throw new IllegalArgumentException(name + ": expected " + features + " input features, got " + input.cols());
        }
        int rows = input.rows();
        if (train && axis == NormAxis.BATCH && rows < 2) {
            // As PyTorch: one example has variance 0 and no unbiased variance; the output would be beta.
            throw new org.gradflow.api.component.ConfigurationException(name
                    + ": batch-norm needs at least 2 examples per training batch, got " + rows + ". The last batch of an"
                    + " epoch holds (training examples mod batch) examples: choose a batch size that does not leave 1,"
                    + " or use normalization=layer-norm");
        }
        Buffers b = (train ? training : evaluation).computeIfAbsent(rows, Buffers::new);
        if (!train && axis == NormAxis.BATCH) {
            backend.normalizeWith(input, runningMean, runningVar, eps, b.xhat);
        } else {
            backend.normalize(axis, input, eps, b.mean, b.var, b.xhat);
        }
        backend.scaleShift(b.xhat, weight.value(), bias.value(), b.y);
        if (train) {
            if (axis == NormAxis.BATCH) {
                backend.axpby(momentum, b.mean, 1 - momentum, runningMean);
                backend.axpby(momentum * rows / (rows - 1.0), b.var, 1 - momentum, runningVar);
            }
            last = b;
        }
        return b.y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Buffers b = last;
        if (b == null || gradOutput.rows() != b.y.rows() || gradOutput.cols() != features) {
            throw new IllegalStateException(name + ": backward without a matching training forward");
        }
        b.allocateGradients();
        backend.scaleShiftBackward(gradOutput, b.xhat, weight.value(), weight.gradient(), bias.gradient(), b.gradXhat);
        if (!inputGradientNeeded) {
            return null;
        }
        backend.normalizeBackward(axis, b.gradXhat, b.xhat, b.var, eps, b.gradX);
        return b.gradX;
    }

    @Override
    public void close() {
        training.values().forEach(Buffers::close);
        evaluation.values().forEach(Buffers::close);
        training.clear();
        evaluation.clear();
        last = null;
        for (Parameter p : parameters()) {
            p.value().close();
            p.gradient().close();
        }
        if (runningMean != null) {
            runningMean.close();
            runningVar.close();
        }
    }
}
