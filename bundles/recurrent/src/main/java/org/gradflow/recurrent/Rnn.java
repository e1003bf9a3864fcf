package org.gradflow.recurrent;

import java.util.List;

import org.gradflow.api.architecture.Architecture;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.nn.Layer;
import org.osgi.service.component.annotations.Component;

/**
 * The simple (Elman) recurrent network, stacked: layer i computes
 * {@code h_t = f_i(x_t W_ih^T + h_{t-1} W_hh^T + b)} over the steps of its input sequence, where
 * {@code f_i} is the run's activation for hidden layer i (set {@code activation=tanh} for the classic
 * network). Layers {@code rnn1 .. rnnN}, then the output layer {@code out} (see {@link RecurrentStack}).
 *
 * <p>It is the textbook case of gradients vanishing or exploding through time: the error reaching step
 * t-s is multiplied by s factors {@code diag(f') W_hh}, so it shrinks geometrically when the largest
 * singular value of {@code W_hh} times {@code max |f'|} is below 1 and may grow when it is above
 * (Bengio, Simard &amp; Frasconi, "Learning long-term dependencies with gradient descent is difficult",
 * IEEE TNN 1994; Pascanu, Mikolov &amp; Bengio, "On the difficulty of training recurrent neural
 * networks", ICML 2013). Remedies to try: {@code initializer=orthogonal}, gradient clipping, or
 * {@code architecture=lstm} / {@code gru}.
 */
@Component(service = Architecture.class)
@GradflowComponent(name = "rnn", description = "simple recurrent network h_t = f(W_ih x_t + W_hh h_{t-1} + b), "
        + "stacked, trained with BPTT")
public final class Rnn implements Architecture {

    @Override
    public List<ParameterSpec> parameters() {
        return RecurrentStack.parameters();
    }

    @Override
    public List<Layer> build(ModelContext context) {
        return RecurrentStack.build(context, "rnn",
                (index, options) -> new RnnLayer(options, context.hiddenActivation(index)));
    }
}
