package org.gradflow.api.nn;

import java.util.List;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.tensor.Tensor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A differentiable layer: a forward/backward pair over batches of shape {@code [B, features]}.
 *
 * <p>Lifecycle, in order, per training step: {@link #forward} with {@code training=true}, then (after
 * the loss) {@link #backward} with the gradient of the loss w.r.t. this layer's output, which
 * <em>accumulates</em> into each {@link Parameter#gradient()} and returns the gradient w.r.t. the
 * input. Evaluation calls only {@code forward(x, false)}. Returned tensors belong to the layer and
 * stay valid until its next call of the same method; the layer reuses them between steps (one buffer
 * set per batch size), so a steady-state step allocates nothing.
 */
@ConsumerType
public interface Layer extends AutoCloseable {
    /** Unique within the network, e.g. {@code fc1}; parameters are saved as {@code <name>.<param>}. */
    String name();

    int inputSize();

    int outputSize();

    /** Trainable parameters; empty for a layer without any. */
    List<Parameter> parameters();

    /** Computes the output for {@code input} ({@code [B, inputSize]}); keeps what backward needs. */
    Tensor forward(Tensor input, boolean training);

    /**
     * Back-propagates {@code gradOutput} ({@code [B, outputSize]}) through the last training forward.
     *
     * @return the gradient w.r.t. that forward's input, {@code [B, inputSize]}
     */
    Tensor backward(Tensor gradOutput);

    /**
     * Whether {@link #backward} must compute the input gradient. The trainer turns it off for the
     * first layer, whose input is data; {@code backward} may then return {@code null}. On by default.
     */
    default void setInputGradientNeeded(boolean needed) {
    }

    /**
     * State that is not trained but belongs to the model (batch normalization's running mean and
     * variance): saved in checkpoints as {@code <layer>.<name>} and restored by {@code init.from}.
     */
    default java.util.Map<String, Tensor> buffers() {
        return java.util.Map.of();
    }

    /**
     * A nonlinearity this layer applied in its last forward pass, for diagnosis: the function, its
     * input {@code z} and output {@code a = f(z)}, both {@code [B, units]} and owned by the layer (valid
     * until its next forward).
     */
    record Observation(ActivationFunction function, Tensor preActivation, Tensor output) {
    }

    /**
     * The element-wise nonlinearities of the last forward pass, input first, so the core can measure
     * saturation and dead units. Empty by default (a layer with none, or one that does not expose them).
     */
    default List<Observation> observations() {
        return List.of();
    }

    /** Releases every tensor the layer holds. */
    @Override
    void close();
}
