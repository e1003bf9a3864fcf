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
 * Batch normalization: each feature is normalized over the examples of the batch.
 *
 * <pre>
 * training (x [B, C], B &ge; 2):
 *   1. mu_j  = mean_i x_ij,   var_j = mean_i (x_ij - mu_j)^2           biased, [1, C]
 *   2. xhat  = (x - mu) / sqrt(var + eps)
 *   3. y     = gamma * xhat + beta
 *   4. running_mean = (1 - momentum) running_mean + momentum mu
 *      running_var  = (1 - momentum) running_var  + momentum var B / (B - 1)   unbiased
 * evaluation (any B, also 1): xhat = (x - running_mean) / sqrt(running_var + eps), y as in 3; nothing updated
 * backward: gamma, beta gradients and gxhat = gy gamma (scaleShiftBackward), then
 *           gx = s (gxhat - mean_i gxhat - xhat mean_i(gxhat xhat)),  s = 1 / sqrt(var + eps)
 * </pre>
 *
 * The momentum follows PyTorch's {@code nn.BatchNorm1d} (weight of the new statistic, default 0.1),
 * as does the unbiased running variance; running statistics start at mean 0, variance 1 and are the
 * layer's {@code buffers()} {@code running_mean}, {@code running_var}. Reference: Ioffe &amp; Szegedy,
 * "Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift",
 * ICML 2015, Algorithms 1 and 2.
 */
@Component(service = Normalization.class)
@GradflowComponent(name = "batch-norm",
        description = "batch normalization: per feature over the batch, running statistics for evaluation")
public final class BatchNorm implements Normalization {
    static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0.1,
            "weight of the batch statistic in the running mean and variance").within(0, 1);
    static final ParameterSpec EPS = ParameterSpec.real("eps", 1e-5,
            "constant added to the variance before the square root").positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(MOMENTUM, EPS);
    }

    @Override
    public Layer create(String name, int features, Settings settings, LayerFactory factory) {
        return new NormLayer(name, features, NormAxis.BATCH, settings.real(EPS), settings.real(MOMENTUM),
                factory.backend(), factory.precision());
    }
}
