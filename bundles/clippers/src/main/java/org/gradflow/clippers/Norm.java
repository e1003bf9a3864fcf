package org.gradflow.clippers;

import java.util.List;

import org.gradflow.api.clipper.ClipResult;
import org.gradflow.api.clipper.ClippingRule;
import org.gradflow.api.clipper.GradientClipper;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Tensor;
import org.osgi.service.component.annotations.Component;

/**
 * Clipping by norm, per parameter tensor: each gradient whose L2 norm exceeds {@code c} is rescaled
 * to norm {@code c}; the others are left alone.
 *
 * <pre>
 * input: c (max-norm), gradients g_1..g_n of the non-frozen parameters
 * 1. n_i = |g_i|,  N = sqrt(sum_i n_i^2)                normBefore (see Norms)
 * 2. if N is not finite: change nothing, return (N, false)
 * 3. for each i with n_i &gt; c:
 *        g_i = (c / n_i) g_i                            axpby(c / n_i, g_i, 0, g_i)
 * 4. return (N, whether step 3 ran)
 * </pre>
 *
 * Each tensor keeps its direction, but the joint gradient does not (tensors are scaled by different
 * factors); {@code global-norm} keeps both. This is TensorFlow's {@code clip_by_norm} and Keras'
 * {@code clipnorm} applied to each tensor. With a NaN or infinite element anywhere, nothing is changed
 * (step 2; see the package doc): scaling by {@code c / inf} would silently zero that tensor's step.
 * Reference: Pascanu, Mikolov &amp; Bengio, "On the difficulty of training recurrent neural networks",
 * ICML 2013, Algorithm 1 (here per tensor).
 */
@Component(service = GradientClipper.class)
@GradflowComponent(name = "norm", description = "rescale each gradient tensor whose L2 norm exceeds max-norm to max-norm")
public final class Norm implements GradientClipper {
    static final ParameterSpec MAX_NORM = ParameterSpec.real("max-norm", 1.0,
            "largest L2 norm c a parameter's gradient keeps").positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(MAX_NORM);
    }

    @Override
    public ClippingRule create(Settings settings) {
        double c = settings.real(MAX_NORM);
        return parameters -> {
            List<Parameter> live = Norms.live(parameters);
            double[] norms = new double[live.size()];
            for (int i = 0; i < live.size(); i++) {
                norms[i] = Norms.l2(live.get(i).gradient());
            }
            double normBefore = Norms.combine(norms);
            if (!Double.isFinite(normBefore)) {
                return new ClipResult(normBefore, false);
            }
            boolean clipped = false;
            for (int i = 0; i < live.size(); i++) {
                if (norms[i] > c) {
                    Tensor g = live.get(i).gradient();
                    g.backend().axpby(c / norms[i], g, 0, g);
                    clipped = true;
                }
            }
            return new ClipResult(normBefore, clipped);
        };
    }
}
