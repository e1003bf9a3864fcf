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
 * Clipping by global norm: if the joint L2 norm of all gradients exceeds {@code c}, all of them are
 * scaled by the same factor, so the update keeps its direction and only its length is capped.
 *
 * <pre>
 * input: c (max-norm), gradients g_1..g_n of the non-frozen parameters
 * 1. N = sqrt(sum_i |g_i|^2)                            normBefore (see Norms)
 * 2. if N is not finite: change nothing, return (N, false)
 * 3. if N &gt; c: for each i
 *        g_i = (c / (N + 1e-6)) g_i                     axpby(c / (N + 1e-6), g_i, 0, g_i)
 * 4. return (N, N &gt; c)
 * </pre>
 *
 * The factor {@code c / (N + 1e-6)} is PyTorch's {@code clip_grad_norm_} (the clipped norm comes out
 * just under {@code c}); unlike PyTorch, gradients with {@code N <= c} are not multiplied at all.
 *
 * <p>Non-finite norm (step 2, see the package doc): PyTorch would multiply every gradient by
 * {@code c / (inf + 1e-6) = 0}, a silent zero step, or by NaN, turning every gradient NaN and hiding
 * which layer failed ({@code error_if_nonfinite=True} makes it throw instead). Here the gradients are
 * left as they are and the returned {@code normBefore} is NaN or {@code +inf}. A finite gradient
 * whose squares overflow a double is still measured and clipped correctly. Reference: Pascanu, Mikolov
 * &amp; Bengio, "On the difficulty of training recurrent neural networks", ICML 2013, Algorithm 1.
 */
@Component(service = GradientClipper.class)
@GradflowComponent(name = "global-norm", description = "scale all gradients together when their joint L2 norm exceeds max-norm")
public final class GlobalNorm implements GradientClipper {
    static final ParameterSpec MAX_NORM = ParameterSpec.real("max-norm", 1.0,
            "largest joint L2 norm c of all gradients").positive();
    /** Added to the norm in the factor, as PyTorch does. */
    static final double EPS = 1e-6;

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
            if (!Double.isFinite(normBefore) || normBefore <= c) {
                return new ClipResult(normBefore, false);
            }
            double factor = c / (normBefore + EPS);
            for (Parameter p : live) {
                Tensor g = p.gradient();
                g.backend().axpby(factor, g, 0, g);
            }
            return new ClipResult(normBefore, true);
        };
    }
}
