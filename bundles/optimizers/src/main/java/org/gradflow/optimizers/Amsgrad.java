package org.gradflow.optimizers;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.optimizer.Optimizer;
import org.gradflow.api.optimizer.UpdateRule;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.osgi.service.component.annotations.Component;

/**
 * AMSGrad: Adam whose denominator uses the largest second moment seen so far, so the per-element step
 * size never grows (the fix for Adam's non-convergence example).
 *
 * <pre>
 * input: lr, beta1, beta2, eps, parameter w, gradient g, schedule factor k
 * 1. m = 0, v = 0, vmax = 0, t = 0                      (first update of w)
 * 2. t = t + 1
 * 3. m = beta1 m + (1 - beta1) g                        axpby(1 - beta1, g, beta1, m)
 * 4. v = beta2 v + (1 - beta2) g^2                      addScaledSquare(1 - beta2, g, beta2, v)
 * 5. vmax = max(vmax, v)                                {@link #maximum}, exact
 * 6. w = w - (k lr) (m / c1) / (sqrt(vmax / c2) + eps)  addScaledRatio(-k lr sqrt(c2) / c1, m, vmax, eps sqrt(c2), w)
 *    with c1 = 1 - beta1^t, c2 = 1 - beta2^t
 * </pre>
 *
 * As PyTorch's {@code Adam(amsgrad=True)}: the maximum is taken over the raw {@code v} and the current
 * step's bias correction {@code c2} is applied to it (the paper's Algorithm 2 has no bias correction).
 * Its {@code lr}, {@code beta1}, {@code beta2} and {@code eps} are Adam's parameters (same
 * declarations); the step count {@code t} is per parameter.
 *
 * <p>The SPI has no element-wise maximum, so step 5 is done exactly with existing operations and two
 * scratch tensors per parameter (see {@link #maximum}); a backend {@code maximum(x, y)} would make it
 * one pass and save the scratch memory. Reference: Reddi, Kale &amp; Kumar, "On the Convergence of Adam
 * and Beyond", ICLR 2018.
 */
@Component(service = Optimizer.class)
@GradflowComponent(name = "amsgrad", description = "AMSGrad, Adam with the running maximum of the second moment")
public final class Amsgrad implements Optimizer {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(Adam.LR, Adam.BETA1, Adam.BETA2, Adam.EPS);
    }

    @Override
    public UpdateRule create(Settings settings) {
        return new Rule(settings.real(Adam.LR), settings.real(Adam.BETA1), settings.real(Adam.BETA2),
                settings.real(Adam.EPS));
    }

    /**
     * {@code y = max(x, y)} element-wise, bit-exact, from existing operations ({@code mask} and
     * {@code other} are scratch tensors of the same shape; all four distinct):
     * <pre>
     * 1. mask = x - y                      exact in sign: IEEE subtraction of distinct finite values is never 0
     * 2. mask = [mask &gt; 0]                clamp to [0, 1] and scale by 2^600 (2^126 in FLOAT32) twice:
     *                                      the smallest subnormal reaches 1, so mask is exactly 0 or 1
     * 3. other = 1 - mask                  exact
     * 4. y = other * y + mask * x          each product is exactly 0 or its operand, so the sum is exact
     * </pre>
     * Exact for finite values and +inf (moments are never negative); NaN in {@code x} or {@code y}
     * gives NaN, as does -inf in {@code y}. Needs IEEE-754 arithmetic with gradual underflow; a
     * backend that flushes subnormals to zero keeps {@code y} where {@code x} exceeds it by less than
     * the smallest normal number.
     */
    static void maximum(ComputeBackend b, Tensor x, Tensor y, Tensor mask, Tensor other) {
        double scale = x.precision() == Precision.FLOAT32 ? 0x1p126 : 0x1p600;
        b.copy(x, mask);
        b.axpby(-1, y, 1, mask);
        b.clamp(0, 1, mask);
        b.axpby(scale, mask, 0, mask);
        b.clamp(0, 1, mask);
        b.axpby(scale, mask, 0, mask);
        b.clamp(0, 1, mask);
        b.fill(other, 1);
        b.axpby(-1, mask, 1, other);
        b.multiply(other, y);
        b.multiply(x, mask);
        b.axpby(1, mask, 1, y);
    }

    private static final class Rule implements UpdateRule {
        private final double lr;
        private final double beta1;
        private final double beta2;
        private final double eps;
        /** m, v, vmax, and two scratch tensors for {@link #maximum}. */
        private final Slots slots = new Slots(5);

        Rule(double lr, double beta1, double beta2, double eps) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
        }

        @Override
        public void update(Parameter p, long step, double learningRateFactor) {
            if (p.frozen()) {
                return;
            }
            ComputeBackend b = p.value().backend();
            Slots.State state = slots.of(p);
            long t = ++state.updates;
            Tensor[] s = state.tensors;
            Tensor m = s[0];
            Tensor v = s[1];
            Tensor vmax = s[2];
            Tensor g = p.gradient();
            b.axpby(1 - beta1, g, beta1, m);
            b.addScaledSquare(1 - beta2, g, beta2, v);
            maximum(b, v, vmax, s[3], s[4]);
            double c1 = 1 - Math.pow(beta1, t);
            double sqrtC2 = Math.sqrt(1 - Math.pow(beta2, t));
            b.addScaledRatio(-lr * learningRateFactor * sqrtC2 / c1, m, vmax, eps * sqrtC2, p.value());
        }

        @Override
        public void close() {
            slots.close();
        }
    }
}
