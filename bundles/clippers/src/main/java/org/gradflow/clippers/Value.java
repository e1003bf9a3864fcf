package org.gradflow.clippers;

import java.util.List;

import org.gradflow.api.clipper.ClipResult;
import org.gradflow.api.clipper.ClippingRule;
import org.gradflow.api.clipper.GradientClipper;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.TensorStats;
import org.osgi.service.component.annotations.Component;

/**
 * Clipping by value: every gradient element is clamped to {@code [-c, c]}.
 *
 * <pre>
 * input: c (threshold), gradients g_1..g_n of the non-frozen parameters
 * 1. N = sqrt(sum_i |g_i|^2)                            normBefore (see Norms)
 * 2. if N is not finite: change nothing, return (N, false)
 * 3. for each g_i with max |g_i| &gt; c:
 *        g_i = min(max(g_i, -c), c)                     clamp(-c, c, g_i)
 * 4. return (N, whether step 3 changed any g_i)
 * </pre>
 *
 * Unlike norm clipping it changes the gradient's direction: large components are cut, small ones kept.
 * With a NaN or infinite element nothing is clamped (step 2; see the package doc): clamping would
 * turn an overflowed {@code +inf} into an ordinary-looking {@code c}. PyTorch's
 * {@code clip_grad_value_} clamps infinities and leaves NaN. Reference: Mikolov, "Statistical Language
 * Models Based on Neural Networks", PhD thesis, Brno University of Technology, 2012 (element-wise
 * clipping in RNN training; compared with norm clipping by Pascanu, Mikolov &amp; Bengio, ICML 2013).
 */
@Component(service = GradientClipper.class)
@GradflowComponent(name = "value", description = "clamp every gradient element to [-threshold, threshold]")
public final class Value implements GradientClipper {
    static final ParameterSpec THRESHOLD = ParameterSpec.real("threshold", 1.0,
            "largest magnitude c a gradient element keeps").positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(THRESHOLD);
    }

    @Override
    public ClippingRule create(Settings settings) {
        double c = settings.real(THRESHOLD);
        return parameters -> {
            List<Parameter> live = Norms.live(parameters);
            TensorStats[] stats = new TensorStats[live.size()];
            double[] norms = new double[live.size()];
            for (int i = 0; i < live.size(); i++) {
                stats[i] = live.get(i).gradient().backend().stats(live.get(i).gradient());
                norms[i] = Norms.l2(live.get(i).gradient(), stats[i]);
            }
            double normBefore = Norms.combine(norms);
            if (!Double.isFinite(normBefore)) {
                return new ClipResult(normBefore, false);
            }
            boolean clipped = false;
            for (int i = 0; i < live.size(); i++) {
                if (stats[i].maxAbs() > c) {
                    live.get(i).gradient().backend().clamp(-c, c, live.get(i).gradient());
                    clipped = true;
                }
            }
            return new ClipResult(normBefore, clipped);
        };
    }
}
