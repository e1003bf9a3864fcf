package org.gradflow.normalization;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.gradflow.api.normalization.Normalization;
import org.gradflow.api.tensor.NormAxis;
import org.osgi.service.component.annotations.Component;

/**
 * Layer normalization: each example is normalized over its own features, the same in training and
 * evaluation, so it works for any batch size and keeps no running statistics.
 *
 * <pre>
 * forward (x [B, C], training or not):
 *   1. mu_i = mean_j x_ij,   var_i = mean_j (x_ij - mu_i)^2              biased, [B, 1]
 *   2. xhat = (x - mu) / sqrt(var + eps)
 *   3. y    = gamma * xhat + beta                                     gamma, beta [1, C]
 * backward: gamma, beta gradients and gxhat = gy gamma, then
 *           gx = s (gxhat - mean_j gxhat - xhat mean_j(gxhat xhat)),  s_i = 1 / sqrt(var_i + eps)
 * </pre>
 *
 * Reference: Ba, Kiros &amp; Hinton, "Layer Normalization", arXiv:1607.06450, 2016 (PyTorch's
 * {@code nn.LayerNorm} over the last dimension, with its default {@code eps}).
 */
@Component(service = Normalization.class)
@GradflowComponent(name = "layer-norm",
        description = "layer normalization: per example over its features, same in training and evaluation")
public final class LayerNorm implements Normalization {
    static final ParameterSpec EPS = ParameterSpec.real("eps", 1e-5,
            "constant added to the variance before the square root").positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(EPS);
    }

    @Override
    public Layer create(String name, int features, Settings settings, LayerFactory factory) {
        return new NormLayer(name, features, NormAxis.FEATURES, settings.real(EPS), 0, factory.backend(),
                factory.precision());
    }
}
