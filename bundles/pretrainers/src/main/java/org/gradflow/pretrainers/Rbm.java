package org.gradflow.pretrainers;

import java.util.List;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.Examples;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.pretrain.PretrainContext;
import org.gradflow.api.pretrain.Pretrainer;
import org.osgi.service.component.annotations.Component;

/**
 * Greedy layer-wise pre-training with restricted Boltzmann machines, the deep belief net recipe: each
 * hidden layer in turn is trained as a Bernoulli-Bernoulli RBM on its own inputs, then feeds the next
 * (see {@link Greedy}). For a layer with {@code W [out, in]} and bias {@code b [1, out]}, and a visible
 * bias {@code c [1, in]} that only the RBM has:
 *
 * <pre>
 * E(v, h)    = - v c^T - h b^T - h W v^T          v in {0,1}^in, h in {0,1}^out
 * p(h=1 | v) = s(v W^T + b)                        s the logistic function
 * p(v=1 | h) = s(h W + c)
 * </pre>
 *
 * trained with contrastive divergence CD-k and momentum SGD (the exact update, and which quantities
 * are probabilities and which samples, is in {@link RbmTrainer}). The reported loss is the mean
 * squared error between the data and its reconstruction {@code v_k}. The RBM's hidden units are
 * sigmoid units whatever the layer's own activation is; inputs must lie in {@code [0, 1]}: the data is
 * checked in full before layer 1, and each layer's first batch before it trains (a hidden layer whose
 * activation is not the sigmoid, such as tanh or relu, usually shows up there). The layer's inputs for
 * the next layer are its own {@code forward(x, false)}.
 *
 * <p>References: Hinton, "Training products of experts by minimizing contrastive divergence", Neural
 * Computation 14, 2002; Hinton, Osindero &amp; Teh, "A fast learning algorithm for deep belief nets",
 * Neural Computation 18, 2006; Hinton, "A practical guide to training restricted Boltzmann machines",
 * UTML TR 2010-003.
 */
@Component(service = Pretrainer.class)
@GradflowComponent(name = "rbm",
        description = "greedy layer-wise RBM pre-training (contrastive divergence CD-k) of the hidden layers")
public final class Rbm implements Pretrainer {
    static final ParameterSpec LEARNING_RATE = ParameterSpec.real("learning-rate", 0.1,
            "learning rate of the contrastive-divergence updates").positive();
    static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0.5,
            "momentum coefficient of the contrastive-divergence updates").withinExcludingUpper(0, 1);
    static final ParameterSpec K = ParameterSpec.integer("k", 1,
            "Gibbs steps per contrastive-divergence update (CD-k)").atLeast(1);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(Greedy.EPOCHS, Greedy.BATCH, LEARNING_RATE, MOMENTUM, K);
    }

    @Override
    public void pretrain(PretrainContext context) {
        checkData(context.inputs());
        Settings s = context.settings();
        List<Layer> layers = context.layers();
        Greedy.pretrain(context, "rbm", (index, layer, dense) -> new RbmTrainer(dense, s.integer(K),
                s.real(LEARNING_RATE), s.real(MOMENTUM), context.random(),
                index == 1 ? "the data" : "the output of layer " + (index - 1) + " (" + layers.get(index - 2).name() + ")",
                index == 1 ? "scale the data to [0, 1] or use pretrain=autoencoder"
                        : "use activation=sigmoid for the hidden layers or use pretrain=autoencoder"));
    }

    /** Every feature in [0, 1]: the data is on the host already, so all of it is checked. */
    private static void checkData(Examples data) {
        float[] f = data.features();
        for (int i = 0; i < f.length; i++) {
            if (!(f[i] >= 0 && f[i] <= 1)) {
                throw new ConfigurationException("pretrain=rbm needs inputs in [0, 1] (its visible units are Bernoulli"
                        + " probabilities), but example " + i / data.featureCount() + ", feature "
                        + i % data.featureCount() + " of the data is " + f[i]
                        + "; scale the data to [0, 1] or use pretrain=autoencoder");
            }
        }
    }
}
