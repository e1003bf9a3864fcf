package org.gradflow.core.run;

import java.util.ArrayList;
import java.util.List;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.optimizer.UpdateRule;
import org.gradflow.api.regularizer.RegularizationRule;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.core.nn.Loss;

/**
 * The part of training that repeats every mini-batch, in the order a run does it:
 * {@link #forward} (zero the gradients, forward pass, loss value and output gradient),
 * {@link #backward} (back-propagation, recording the gradient through time on diagnosed steps),
 * {@link #penalty}, then, after the run has measured and maybe clipped the gradients, {@link #update}
 * (the optimizer's step and the regularizers' constraints).
 *
 * <p>{@link Run} adds the bookkeeping around these calls (health checks, clipping, skipping
 * non-finite steps, metrics); the benchmarks time exactly these calls. Nothing here allocates
 * tensors after the first step of a batch size: layers, loss and optimizer keep their buffers.
 */
final class TrainingStep {
    private final ComputeBackend backend;
    private final List<Layer> layers;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Parameter> trainable = new ArrayList<>();
    private final Loss loss;
    private final UpdateRule update;
    private final List<RegularizationRule> regularization;
    private final TimeGradientRecorder timeGradients;
    private Tensor output;

    TrainingStep(ComputeBackend backend, List<Layer> layers, Loss loss, UpdateRule update,
            List<RegularizationRule> regularization, TimeGradientRecorder timeGradients) {
        this.backend = backend;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.update = update;
        this.regularization = List.copyOf(regularization);
        this.timeGradients = timeGradients;
        for (Layer l : layers) {
            for (Parameter p : l.parameters()) {
                parameters.add(p);
                if (!p.frozen()) {
                    trainable.add(p);
                }
            }
        }
    }

    /** Every parameter, frozen ones included, in network order. */
    List<Parameter> parameters() {
        return parameters;
    }

    /** The parameters the optimizer moves. */
    List<Parameter> trainable() {
        return trainable;
    }

    /**
     * Zeroes the gradients, runs the network forward in training mode and returns the loss; the loss's
     * gradient with respect to the output is written to {@code grad}.
     */
    double forward(Tensor x, Tensor y, Tensor grad) {
        for (Parameter p : parameters) {
            backend.fill(p.gradient(), 0);
        }
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forward(h, true);
        }
        output = h;
        return loss.valueAndGradient(h, y, grad);
    }

    /** The network's output of the last {@link #forward}. */
    Tensor output() {
        return output;
    }

    /**
     * Back-propagates {@code grad} (from {@link #forward}) through every layer into the parameters'
     * gradients. On a {@code diagnosed} step the recurrent layers also keep {@code ||dL/dh_t||}, written
     * as step {@code step} ({@code sampled}: also to {@code time-gradients.csv}).
     */
    void backward(Tensor grad, long step, boolean diagnosed, boolean sampled) throws java.io.IOException {
        timeGradients.beforeBackward(diagnosed);
        Tensor g = grad;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        if (diagnosed) {
            timeGradients.recordStateGradients(step, sampled);
        }
    }

    /** Adds every regularizer's penalty gradient to the trainable parameters; returns the penalty. */
    double penalty() {
        double penalty = 0;
        for (RegularizationRule r : regularization) {
            for (Parameter p : trainable) {
                penalty += r.addPenalty(p);
            }
        }
        return penalty;
    }

    /** The optimizer's step {@code step} on every trainable parameter, then the regularizers' constraints. */
    void update(long step, double learningRateFactor) {
        for (Parameter p : trainable) {
            update.update(p, step, learningRateFactor);
        }
        for (RegularizationRule r : regularization) {
            for (Parameter p : trainable) {
                r.constrain(p);
            }
        }
    }
}
