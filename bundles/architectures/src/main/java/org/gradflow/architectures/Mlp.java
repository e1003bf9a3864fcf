package org.gradflow.architectures;

import java.util.ArrayList;
import java.util.List;

import org.gradflow.api.architecture.Architecture;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.nn.Layer;
import org.osgi.service.component.annotations.Component;

/**
 * A multi-layer perceptron: fully connected hidden layers {@code h_i = f(h_{i-1} W_i^T + b_i)} of the
 * widths in {@code hidden}, each with the run's activation and normalization (or their per-layer
 * overrides, as {@code ModelContext.hidden} builds them), then a linear
 * output layer whose logits feed the loss. Layers are named {@code fc1 ... fcN}, input side first,
 * so saved parameters read {@code fc1.weight [width1, inputs]} as in PyTorch's {@code nn.Linear}.
 *
 * <p>The deep sigmoid MLP is the classic case of vanishing gradients (Glorot and Bengio 2010): each
 * layer multiplies the back-propagated error by {@code W^T diag(f'(z))}, and sigmoid's f' is at most 1/4.
 */
@Component(service = Architecture.class)
@GradflowComponent(name = "mlp", description = "multi-layer perceptron: dense hidden layers, linear output")
public final class Mlp implements Architecture {

    @Override
    public List<Layer> build(ModelContext context) {
        List<Layer> layers = new ArrayList<>();
        int in = context.inputSize();
        List<Integer> hidden = context.hiddenSizes();
        for (int i = 1; i <= hidden.size(); i++) {
            int width = hidden.get(i - 1);
            layers.add(context.hidden(i, in, width));
            in = width;
        }
        layers.add(context.dense("fc" + (hidden.size() + 1), in, context.outputSize(), null));
        return layers;
    }
}
