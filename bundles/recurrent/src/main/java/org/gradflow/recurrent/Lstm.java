package org.gradflow.recurrent;

import java.util.List;

import org.gradflow.api.architecture.Architecture;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.nn.Layer;
import org.osgi.service.component.annotations.Component;

/**
 * Long short-term memory, stacked, with PyTorch's equations (gates input, forget, cell, output):
 * <pre>
 * i = σ(W_ii x_t + W_hi h_{t-1} + b_i)    f = σ(W_if x_t + W_hf h_{t-1} + b_f)
 * g = tanh(W_ig x_t + W_hg h_{t-1} + b_g)  o = σ(W_io x_t + W_ho h_{t-1} + b_o)
 * c_t = f ⊙ c_{t-1} + i ⊙ g                h_t = o ⊙ tanh(c_t)
 * </pre>
 * Layers {@code lstm1 .. lstmN}, then the output layer {@code out} (see {@link RecurrentStack}). The
 * forget gate's bias starts at {@code forget-bias}. The cell state is updated additively, so the error
 * flows back along it multiplied only by the forget gate: the "constant error carousel" that lets an
 * LSTM bridge long time lags where a simple RNN's gradient vanishes (Hochreiter &amp; Schmidhuber, "Long
 * short-term memory", Neural Computation 1997; Gers, Schmidhuber &amp; Cummins, "Learning to forget",
 * Neural Computation 2000).
 */
@Component(service = Architecture.class)
@GradflowComponent(name = "lstm", description = "long short-term memory (PyTorch gate order i, f, g, o), stacked, "
        + "trained with BPTT")
public final class Lstm implements Architecture {
    static final ParameterSpec FORGET_BIAS = ParameterSpec.real("forget-bias", 1.0,
            "initial value of the forget gate's bias (the other gates' biases start at 0)");

    @Override
    public List<ParameterSpec> parameters() {
        return RecurrentStack.parameters(FORGET_BIAS);
    }

    @Override
    public List<Layer> build(ModelContext context) {
        double forgetBias = context.settings().real(FORGET_BIAS);
        return RecurrentStack.build(context, "lstm", (index, options) -> new LstmLayer(options, forgetBias));
    }
}
