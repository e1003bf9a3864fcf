package org.gradflow.pretrainers;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.pretrain.PretrainContext;
import org.gradflow.api.pretrain.Pretrainer;
import org.osgi.service.component.annotations.Component;

/**
 * Greedy layer-wise pre-training with (denoising) autoencoders: each hidden layer in turn learns to
 * reconstruct its own input through a linear decoder, then feeds the next (see {@link Greedy}). For
 * layer {@code f(x W^T + b)} with {@code W [out, in]}, on a batch {@code x [B, in]}:
 *
 * <pre>
 * x~   = x * m,  m_ij ~ Bernoulli(1 - corruption)     masking noise (Vincent et al.); m = 1 when corruption = 0
 * h    = layer(x~)                                    encoder: the layer itself, its activation included
 * xhat = h W + c            (tied: decoder weight W^T)
 * xhat = h D^T + c          (untied: own D [in, out])
 * L    = (1 / (B in)) sum (xhat - x)^2                mean squared error against the clean input
 * </pre>
 *
 * trained by back-propagation and SGD with momentum on the layer's parameters, {@code c} and
 * {@code D} ({@link AutoencoderTrainer}); the decoder is dropped afterwards. {@code L} per epoch, the
 * mean over its batches, is what {@code report} records. Parameters: {@code epochs} per layer,
 * {@code batch}, {@code learning-rate}, {@code momentum}, {@code tied}, {@code corruption}.
 *
 * <p>References: Bengio, Lamblin, Popovici &amp; Larochelle, "Greedy layer-wise training of deep
 * networks", NIPS 2006 (published 2007); Vincent, Larochelle, Bengio &amp; Manzagol, "Extracting and
 * composing robust features with denoising autoencoders", ICML 2008.
 */
@Component(service = Pretrainer.class)
@GradflowComponent(name = "autoencoder",
        description = "greedy layer-wise (denoising) autoencoder pre-training of the hidden layers")
public final class Autoencoder implements Pretrainer {
    static final ParameterSpec LEARNING_RATE = ParameterSpec.real("learning-rate", 0.1,
            "learning rate of the pre-training SGD").positive();
    static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0.9,
            "momentum coefficient of the pre-training SGD").withinExcludingUpper(0, 1);
    static final ParameterSpec TIED = ParameterSpec.flag("tied", true,
            "whether the decoder uses the transposed encoder weight (true) or a weight of its own (false)");
    static final ParameterSpec CORRUPTION = ParameterSpec.real("corruption", 0,
            "probability that masking noise zeroes an input (0: a plain autoencoder)").withinExcludingUpper(0, 1);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(Greedy.EPOCHS, Greedy.BATCH, LEARNING_RATE, MOMENTUM, TIED, CORRUPTION);
    }

    @Override
    public void pretrain(PretrainContext context) {
        Settings s = context.settings();
        Greedy.pretrain(context, "autoencoder", (index, layer, dense) -> new AutoencoderTrainer(layer, dense,
                s.flag(TIED), s.real(CORRUPTION), s.real(LEARNING_RATE), s.real(MOMENTUM), context.random()));
    }
}
