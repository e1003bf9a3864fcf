package org.gradflow.core.nn;

import java.util.HashMap;
import java.util.Map;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * Softmax followed by cross-entropy, over logits {@code x [B, C]} and one-hot (or soft) targets
 * {@code t [B, C]}: {@code p = softmax(x)} per row, {@code L = -(1/B) sum_ij t_ij log p_ij}, and
 * {@code dL/dx = (p - t) / B} (for rows of t summing to 1). Fusing the two keeps the gradient exact
 * where the softmax saturates.
 */
public final class SoftmaxCrossEntropy implements Loss {
    public static final String NAME = "softmax-cross-entropy";

    private final ComputeBackend backend;
    private final Precision precision;
    private final Map<Integer, Tensor> probsByBatch = new HashMap<>();

    public SoftmaxCrossEntropy(ComputeBackend backend, Precision precision) {
        this.backend = backend;
        this.precision = precision;
    }

    private Tensor probs(Tensor logits) {
        Tensor p = probsByBatch.computeIfAbsent(logits.rows(), r -> backend.allocate(r, logits.cols(), precision));
        backend.softmaxRows(logits, p);
        return p;
    }

    @Override
    public double value(Tensor output, Tensor targets) {
        return backend.crossEntropy(probs(output), targets) / output.rows();
    }

    @Override
    public double valueAndGradient(Tensor output, Tensor targets, Tensor grad) {
        Tensor p = probs(output);
        double batch = output.rows();
        backend.copy(p, grad);
        backend.axpby(-1 / batch, targets, 1 / batch, grad);
        return backend.crossEntropy(p, targets) / batch;
    }

    @Override
    public void close() {
        probsByBatch.values().forEach(Tensor::close);
        probsByBatch.clear();
    }
}
