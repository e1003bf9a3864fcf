package org.gradflow.core.nn;

import org.gradflow.api.tensor.Tensor;

/**
 * A loss over a batch: {@code output} and {@code targets} are {@code [B, K]}; the value is the mean
 * over the batch (and over K for regression), so the learning rate does not depend on B.
 */
public interface Loss extends AutoCloseable {
    /** The loss value only (evaluation). */
    double value(Tensor output, Tensor targets);

    /** The loss value, and {@code grad = dL/d output}. */
    double valueAndGradient(Tensor output, Tensor targets, Tensor grad);

    @Override
    void close();

    /** The loss a run spec names: {@code softmax-cross-entropy} or {@code mse}. */
    static Loss named(String name, org.gradflow.api.tensor.ComputeBackend backend,
            org.gradflow.api.tensor.Precision precision) {
        switch (name) {
            case SoftmaxCrossEntropy.NAME:
                return new SoftmaxCrossEntropy(backend, precision);
            case MeanSquaredError.NAME:
                return new MeanSquaredError(backend);
            default:
                throw new IllegalArgumentException("unknown loss " + name);
        }
    }
}
