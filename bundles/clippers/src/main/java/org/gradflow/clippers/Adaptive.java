package org.gradflow.clippers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.clipper.ClipResult;
import org.gradflow.api.clipper.ClippingRule;
import org.gradflow.api.clipper.GradientClipper;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Tensor;
import org.osgi.service.component.annotations.Component;

/**
 * Adaptive gradient clipping (AGC), unit-wise: a unit's gradient is clipped when it is large relative
 * to the unit's weights, so the cap follows the scale of each unit instead of one global constant.
 * A unit is a row: weights are {@code [out, in]}, so row i holds unit i's incoming weights, and a
 * {@code [1, out]} bias is one unit.
 *
 * <pre>
 * input: lambda, eps, for each non-frozen parameter its weights W and gradient G
 * 1. N = sqrt(sum |G|^2) over all parameters            normBefore (see Norms)
 * 2. if N or any W is not finite: change nothing, return (N, false)
 * 3. for each parameter and each row i:
 *        f_i = lambda max(|W_i|, eps) / |G_i|           (|G_i| = 0: f_i = inf)
 *        if f_i &lt; 1: G_i = f_i G_i                    the row's gradient norm becomes lambda max(|W_i|, eps)
 * 4. return (N, whether any row was scaled)
 * </pre>
 *
 * Step 3 on the backend, per parameter ({@code [r, c]}: r units of c weights; {@code 1} is a
 * {@code [1, c]} tensor of ones):
 * <pre>
 * a. sW, sG = powers of two that bring max(max|W|, eps) and max|G| to [1, 2)    exact rescaling
 * b. nW = (sW W)^2 1^T, clamped below at max((sW eps)^2, 2^-100)       axpby, addScaledSquare, matmul, clamp
 *    rW = sqrt(nW) = sW max(|W_i|, eps)                                sqrt(nW, rW)
 * c. nG = (sG G)^2 1^T = sG^2 |G_i|^2                                  axpby, addScaledSquare, matmul
 * d. f = (lambda sG / sW) rW / sqrt(nG), clamped to [0, 1]             addScaledRatio, clamp
 * e. if some f_i &lt; 1 (stats of 1 - f): G = (f 1) * G                 matmul (outer product), multiply
 * </pre>
 * Row norms are row sums of squares by a matrix product with ones, and the factor is broadcast back
 * by an outer product with ones: the SPI has no row reduction or row-broadcast multiply yet, and a
 * backend offering them would save scratch tensors and passes. Scratch tensors are kept per parameter
 * for the run and released by {@code close()}. The
 * rescaling keeps the squares from overflowing (a FLOAT32 gradient above 1.8e19 is still clipped, not
 * zeroed); the floor {@code 2^-100} only matters for rows whose weight norm is below {@code 2^-50}
 * times the tensor's largest weight when {@code eps} is that small too.
 *
 * <p>The paper does not clip the final classifier layer; this rule clips every parameter it is
 * given. A non-finite gradient or weight leaves everything unchanged (see the package doc). Defaults:
 * lambda = 0.01 (the NFNet training setting; the paper finds larger batches need smaller values),
 * eps = 1e-3 (so zero-initialized units can still move). Reference: Brock, De, Smith &amp; Simonyan,
 * "High-Performance Large-Scale Image Recognition Without Normalization", ICML 2021, section 4.
 */
@Component(service = GradientClipper.class)
@GradflowComponent(name = "adaptive", description = "unit-wise adaptive clipping: |G_i| <= lambda * max(|W_i|, eps) per row")
public final class Adaptive implements GradientClipper {
    static final ParameterSpec LAMBDA = ParameterSpec.real("lambda", 0.01,
            "clipping threshold, the largest ratio of a unit's gradient norm to its weight norm").positive();
    static final ParameterSpec EPS = ParameterSpec.real("eps", 1e-3,
            "smallest weight norm a unit is credited with").positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(LAMBDA, EPS);
    }

    @Override
    public ClippingRule create(Settings settings) {
        return new Rule(settings.real(LAMBDA), settings.real(EPS));
    }

    /** One run's rule; keeps its scratch tensors per parameter between steps and frees them on close. */
    private static final class Rule implements ClippingRule {
        private final double lambda;
        private final double eps;
        private final Map<Parameter, Scratch> scratch = new HashMap<>();

        Rule(double lambda, double eps) {
            this.lambda = lambda;
            this.eps = eps;
        }

        @Override
        public ClipResult clip(List<Parameter> parameters) {
            List<Parameter> live = Norms.live(parameters);
            double[] norms = new double[live.size()];
            boolean weightsFinite = true;
            for (int i = 0; i < live.size(); i++) {
                Parameter p = live.get(i);
                norms[i] = Norms.l2(p.gradient());
                weightsFinite &= p.value().backend().stats(p.value()).nonFinite() == 0;
            }
            double normBefore = Norms.combine(norms);
            if (!Double.isFinite(normBefore) || !weightsFinite) {
                return new ClipResult(normBefore, false);
            }
            boolean clipped = false;
            for (Parameter p : live) {
                clipped |= Adaptive.clip(p, lambda, eps, scratch.computeIfAbsent(p, Scratch::new));
            }
            return new ClipResult(normBefore, clipped);
        }

        @Override
        public void close() {
            scratch.values().forEach(Scratch::close);
            scratch.clear();
        }
    }

    /** Work tensors for one parameter: two of its shape, a row of ones, five per-unit columns. */
    private static final class Scratch {
        final Tensor scaled;
        final Tensor squares;
        final Tensor ones;
        final Tensor rowW;
        final Tensor rootW;
        final Tensor rowG;
        final Tensor factor;
        final Tensor shortfall;

        Scratch(Parameter p) {
            Tensor g = p.gradient();
            ComputeBackend b = g.backend();
            int rows = g.rows();
            int cols = g.cols();
            scaled = b.allocate(rows, cols, g.precision());
            squares = b.allocate(rows, cols, g.precision());
            ones = b.allocate(1, cols, g.precision());
            rowW = b.allocate(rows, 1, g.precision());
            rootW = b.allocate(rows, 1, g.precision());
            rowG = b.allocate(rows, 1, g.precision());
            factor = b.allocate(rows, 1, g.precision());
            shortfall = b.allocate(rows, 1, g.precision());
            b.fill(ones, 1);
        }

        void close() {
            for (Tensor t : new Tensor[] {scaled, squares, ones, rowW, rootW, rowG, factor, shortfall}) {
                t.close();
            }
        }
    }

    /** Step 3 for one parameter; whether any row was scaled. */
    private static boolean clip(Parameter p, double lambda, double eps, Scratch x) {
        Tensor w = p.value();
        Tensor g = p.gradient();
        ComputeBackend b = g.backend();
        double maxG = b.stats(g).maxAbs();
        if (maxG == 0) {
            return false;
        }
        double sW = 1 / Norms.powerOfTwoBelow(Math.max(b.stats(w).maxAbs(), eps));
        double sG = 1 / Norms.powerOfTwoBelow(maxG);
        Tensor scaled = x.scaled;
        Tensor squares = x.squares;
        Tensor ones = x.ones;
        Tensor rowW = x.rowW;
        Tensor rootW = x.rootW;
        Tensor rowG = x.rowG;
        Tensor factor = x.factor;
        Tensor shortfall = x.shortfall;
        b.axpby(sW, w, 0, scaled);
        b.addScaledSquare(1, scaled, 0, squares);
        b.matmul(squares, false, ones, true, 1, 0, rowW);
        b.clamp(Math.max(eps * sW * eps * sW, 0x1p-100), Double.POSITIVE_INFINITY, rowW);
        b.sqrt(rowW, rootW);
        b.axpby(sG, g, 0, scaled);
        b.addScaledSquare(1, scaled, 0, squares);
        b.matmul(squares, false, ones, true, 1, 0, rowG);
        b.addScaledRatio(lambda * sG / sW, rootW, rowG, 0, factor);
        b.clamp(0, 1, factor);
        b.fill(shortfall, 1);
        b.axpby(-1, factor, 1, shortfall);
        if (b.stats(shortfall).maxAbs() == 0) {
            return false;
        }
        b.matmul(factor, false, ones, false, 1, 0, squares);
        b.multiply(squares, g);
        return true;
    }
}
