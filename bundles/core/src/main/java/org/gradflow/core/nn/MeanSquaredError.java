package org.gradflow.core.nn;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Tensor;

/**
 * Mean squared error over {@code y, t [B, K]}: {@code L = (1/(B K)) sum_ij (y_ij - t_ij)^2} and
 * {@code dL/dy = 2 (y - t) / (B K)}, as PyTorch's {@code MSELoss(reduction='mean')}.
 */
public final class MeanSquaredError implements Loss {
    public static final String NAME = "mse";

    private final ComputeBackend backend;

    public MeanSquaredError(ComputeBackend backend) {
        this.backend = backend;
    }

    @Override
    public double value(Tensor output, Tensor targets) {
        return backend.squaredDistance(output, targets) / output.size();
    }

    @Override
    public double valueAndGradient(Tensor output, Tensor targets, Tensor grad) {
        double scale = 2.0 / output.size();
        backend.copy(output, grad);
        backend.axpby(-scale, targets, scale, grad);
        return value(output, targets);
    }

    @Override
    public void close() {
        // no buffers
    }
}
