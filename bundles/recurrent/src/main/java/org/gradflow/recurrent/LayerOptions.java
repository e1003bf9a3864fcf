package org.gradflow.recurrent;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;

/**
 * How one recurrent layer is built. Its input is {@code [B, steps * features]}, its output
 * {@code [B, steps * hidden]} when {@code returnsSequence}, else {@code [B, hidden]}.
 *
 * @param name              the layer's name, e.g. {@code lstm1}
 * @param features          inputs per time step (F)
 * @param hidden            hidden units (H)
 * @param steps             time steps per sequence (T)
 * @param returnsSequence   whether the output is every {@code h_t} or only {@code h_{T-1}}
 * @param window            truncated BPTT window k; 0 for full BPTT
 * @param learnInitialState whether the state before step 0 is a learned parameter (else zero)
 */
record LayerOptions(String name, int features, int hidden, int steps, boolean returnsSequence, int window,
        boolean learnInitialState, ComputeBackend backend, Precision precision) {
    LayerOptions {
        if (features <= 0 || hidden <= 0 || steps <= 0 || window < 0) {
            throw new IllegalArgumentException(name + ": features, hidden and steps must be positive and the window"
                    + " at least 0, got features=" + features + ", hidden=" + hidden + ", steps=" + steps
                    + ", window=" + window);
        }
    }
}
