package org.gradflow.core.nn;

import java.util.HashMap;
import java.util.Map;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * Softmax cross-entropy with a prediction per time step (many-to-many, e.g. the copy task): logits
 * {@code x [B, T*K]} and one-hot (or soft) targets {@code t [B, T*K]}, step s in columns
 * {@code s*K .. s*K+K-1}. Each step's block gets its own softmax {@code p_s = softmax(x_s)}; the loss is
 * the mean over examples and steps, {@code L = -(1/(B*T)) sum_{i,s,k} t_isk log p_isk}, so the learning
 * rate does not depend on the sequence length (as PyTorch's {@code CrossEntropyLoss} over the flattened
 * {@code [B*T, K]} batch), and {@code dL/dx_s = (p_s - t_s) / (B*T)}.
 */
public final class StepSoftmaxCrossEntropy implements Loss {
    private final ComputeBackend backend;
    private final Precision precision;
    private final int steps;
    private final Map<Integer, Tensor[]> scratchByBatch = new HashMap<>();

    public StepSoftmaxCrossEntropy(ComputeBackend backend, Precision precision, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.backend = backend;
        this.precision = precision;
        this.steps = steps;
    }

    /** {logits block, probabilities, targets block} for a batch of {@code rows}. */
    private Tensor[] scratch(Tensor output) {
        int k = classes(output);
        return scratchByBatch.computeIfAbsent(output.rows(), r -> new Tensor[] {backend.allocate(r, k, precision),
            backend.allocate(r, k, precision), backend.allocate(r, k, precision)});
    }

    private int classes(Tensor output) {
        if (output.cols() % steps != 0) {
            throw new IllegalArgumentException("output has " + output.cols() + " columns, not a multiple of " + steps
                    + " steps");
        }
        return output.cols() / steps;
    }

    @Override
    public double value(Tensor output, Tensor targets) {
        return valueAndGradient(output, targets, null);
    }

    @Override
    public double valueAndGradient(Tensor output, Tensor targets, Tensor grad) {
        int k = classes(output);
        Tensor[] s = scratch(output);
        double count = (double) output.rows() * steps;
        double sum = 0;
        for (int t = 0; t < steps; t++) {
            backend.copyColumns(output, t * k, s[0], 0, k, 0);
            backend.softmaxRows(s[0], s[1]);
            backend.copyColumns(targets, t * k, s[2], 0, k, 0);
            sum += backend.crossEntropy(s[1], s[2]);
            if (grad != null) {
                backend.axpby(-1 / count, s[2], 1 / count, s[1]);
                backend.copyColumns(s[1], 0, grad, t * k, k, 0);
            }
        }
        return sum / count;
    }

    /** Steps (over all examples) whose most likely class is the target's most likely class. */
    public long correctSteps(Tensor output, Tensor targets) {
        int k = classes(output);
        Tensor[] s = scratch(output);
        int[] predicted = new int[output.rows()];
        int[] wanted = new int[output.rows()];
        long correct = 0;
        for (int t = 0; t < steps; t++) {
            backend.copyColumns(output, t * k, s[0], 0, k, 0);
            backend.copyColumns(targets, t * k, s[2], 0, k, 0);
            backend.argmaxRows(s[0], predicted);
            backend.argmaxRows(s[2], wanted);
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == wanted[i] ? 1 : 0;
            }
        }
        return correct;
    }

    @Override
    public void close() {
        for (Tensor[] s : scratchByBatch.values()) {
            for (Tensor t : s) {
                t.close();
            }
        }
        scratchByBatch.clear();
    }
}
