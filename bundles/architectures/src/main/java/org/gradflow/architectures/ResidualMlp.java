package org.gradflow.architectures;

import java.util.ArrayList;
import java.util.List;

import org.gradflow.api.architecture.Architecture;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Sequential;
import org.osgi.service.component.annotations.Component;

/**
 * The MLP analogue of a ResNet: a linear input projection to the first width, one residual block per
 * entry of {@code hidden} ({@code hidden=64x30} gives 30 blocks of width 64, 62 dense layers in all),
 * then a linear output layer producing the logits.
 *
 * <pre>
 * h_0 = x W_in^T + b_in                            layer "input"   [B, inputs] -> [B, w_1]
 * h_i = block_i(h_{i-1}),  i = 1..N               layer "block<i>" [B, w_{i-1}] -> [B, w_i], w_0 = w_1
 *       post-activation: h_i = act(F(h_{i-1}) + S(h_{i-1}))
 *       pre-activation:  h_i = F(h_{i-1}) + S(h_{i-1})
 * pre-activation only: h = act(norm(h_N))          layer "final" (parameters norm.*, act.*)
 * logits = h W_out^T + b_out                       layer "output"
 * </pre>
 *
 * S is the identity where the width stays the same and a learned projection where it changes (see
 * {@link ResidualBlock}). Why it trains deep: the identity path makes {@code dL/dh_{i-1} = dL/dh_i
 * (I + dF/dh)} in the pre-activation form, so the error reaches the first block without passing through
 * a product of N weight matrices and activation slopes (He et al. 2016b, eq. 5). Pre-activation blocks
 * leave the last block's sum un-activated, so, as He et al. do before their pooling layer, the
 * {@code final} layer applies the normalization (if any) and activation of hidden layer N.
 *
 * <p>References: He, Zhang, Ren &amp; Sun, "Deep Residual Learning for Image Recognition", CVPR 2016;
 * He, Zhang, Ren &amp; Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016.
 */
@Component(service = Architecture.class)
@GradflowComponent(name = "residual-mlp",
        description = "residual MLP: input projection, one residual block of two dense layers per hidden width, linear output")
public final class ResidualMlp implements Architecture {
    static final ParameterSpec PREACTIVATION = ParameterSpec.flag("preactivation", false,
            "pre-activation blocks (normalization and activation before each dense layer, identity after the sum)");

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(PREACTIVATION);
    }

    @Override
    public List<Layer> build(ModelContext context) {
        List<Integer> hidden = context.hiddenSizes();
        if (hidden.isEmpty()) {
            throw new ConfigurationException("architecture=residual-mlp needs at least one block width in 'hidden', "
                    + "e.g. hidden=64x8 for 8 blocks of width 64");
        }
        boolean preactivation = context.settings().flag(PREACTIVATION);
        List<Layer> layers = new ArrayList<>();
        int in = hidden.get(0);
        layers.add(context.dense("input", context.inputSize(), in, null));
        for (int i = 1; i <= hidden.size(); i++) {
            int width = hidden.get(i - 1);
            layers.add(ResidualBlock.create(context, i, in, width, preactivation));
            in = width;
        }
        if (preactivation) {
            int last = hidden.size();
            layers.add(new Sequential("final", List.of(
                    new Sequential.Part("norm.", context.normalization(last, "final.norm", in)),
                    new Sequential.Part("act.", context.activation(last, "final.act", in)))));
        }
        layers.add(context.dense("output", in, context.outputSize(), null));
        return layers;
    }
}
