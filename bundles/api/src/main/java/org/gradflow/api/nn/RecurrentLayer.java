package org.gradflow.api.nn;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A layer that runs a cell over the time steps of a sequence and is trained with back-propagation
 * through time. Its input is {@code [B, steps * inputsPerStep]} (step t in columns
 * {@code t * inputsPerStep ...}), its output either every hidden state {@code [B, steps * hiddenSize]}
 * or only the last one {@code [B, hiddenSize]}.
 *
 * <p>The core uses this view to show how the gradient travels back in time: on the steps it records
 * statistics it turns {@link #recordStateGradients} on and writes {@link #stateGradientNorms()} and the
 * largest singular value of each gate's block of {@link #recurrentWeight()} to the run's files.
 */
@ConsumerType
public interface RecurrentLayer extends Layer {
    /** Time steps per sequence. */
    int steps();

    /** Width of the hidden state {@code h_t}. */
    int hiddenSize();

    /** Whether the output holds every step's hidden state (many-to-many) or only the last (many-to-one). */
    boolean returnsSequence();

    /**
     * Turns recording of {@link #stateGradientNorms()} on or off for the following backward passes. Off
     * by default, since it costs a reduction per time step.
     */
    void recordStateGradients(boolean on);

    /**
     * From the last backward pass while recording: {@code ||dL/dh_t||} for {@code t = 0 .. steps-1}, the
     * Frobenius norm over the batch of the total gradient reaching hidden state t (from the output at t
     * and from step t+1, before any truncation cut), or {@code null} if nothing was recorded.
     */
    double[] stateGradientNorms();

    /**
     * The hidden-to-hidden weight {@code [gates * hiddenSize, hiddenSize]}: one {@code [hiddenSize,
     * hiddenSize]} block per gate, stacked in {@link #gateNames()} order.
     */
    Parameter recurrentWeight();

    /**
     * For a cell {@code h_t = f(W x_t + U h_{t-1} + b)}: {@code f'(z)} at the last time step of the last
     * training forward, {@code [B, hiddenSize]}, so that the core can estimate the largest singular value of
     * the state-to-state Jacobian {@code diag(f'(z)) U}. {@code null} for gated cells (LSTM, GRU), whose
     * Jacobian has more terms.
     */
    default org.gradflow.api.tensor.Tensor lastStepDerivative() {
        return null;
    }

    /** Names of the recurrent weight's blocks, e.g. {@code [input, forget, cell, output]} for an LSTM. */
    List<String> gateNames();
}
