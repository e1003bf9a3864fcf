package org.gradflow.recurrent;

import java.util.List;

import org.gradflow.api.architecture.Architecture;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.nn.Layer;
import org.osgi.service.component.annotations.Component;

/**
 * Gated recurrent unit, stacked, with PyTorch's equations (gates reset, update, new):
 * <pre>
 * r = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)    z = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
 * n = tanh(W_in x_t + b_in + r ⊙ (W_hn h_{t-1} + b_hn))
 * h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
 * </pre>
 * Layers {@code gru1 .. gruN}, then the output layer {@code out} (see {@link RecurrentStack}). The
 * update gate interpolates between the old state and the new candidate, so {@code dL/dh_{t-1}} gets a
 * term {@code z ⊙ dL/dh_t} that bypasses {@code W_hh}: like the LSTM's cell, a path along which the
 * gradient need not vanish (Cho et al., "Learning phrase representations using RNN encoder-decoder for
 * statistical machine translation", EMNLP 2014; Chung et al., "Empirical evaluation of gated recurrent
 * neural networks on sequence modeling", 2014).
 */
@Component(service = Architecture.class)
@GradflowComponent(name = "gru", description = "gated recurrent unit (PyTorch gate order r, z, n), stacked, "
        + "trained with BPTT")
public final class Gru implements Architecture {

    @Override
    public List<ParameterSpec> parameters() {
        return RecurrentStack.parameters();
    }

    @Override
    public List<Layer> build(ModelContext context) {
        return RecurrentStack.build(context, "gru", (index, options) -> new GruLayer(options));
    }
}
