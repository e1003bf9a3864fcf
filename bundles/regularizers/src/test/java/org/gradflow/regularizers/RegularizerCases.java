package org.gradflow.regularizers;

import static org.gradflow.regularizers.RegularizerCase.bias;
import static org.gradflow.regularizers.RegularizerCase.v;
import static org.gradflow.regularizers.RegularizerCase.weight;

import java.util.List;
import java.util.Map;

import org.gradflow.regularizers.RegularizerCase.Bad;
import org.gradflow.regularizers.RegularizerCase.Example;

/**
 * The table of regularizers this bundle provides, each with examples worked out by hand. A new
 * regularizer is one class plus one entry here; {@code BundleMetadataIT} fails if the bundle registers a
 * component that has no entry. {@code null} expectations mean "this tensor must come back bit for bit".
 *
 * <p>Most examples use the same parameters, so the arithmetic below can be compared across rows:
 * <pre>
 * W = [[1, -2], [0, 0.5]]   (WEIGHT [2, 2]), its gradient from backward G = [[0.1, 0.2], [-0.3, 0]]
 * b = [3, -4]               (BIAS [1, 2]),   its gradient [0.5, -0.5]: never touched
 * ||W||_2^2 = 1 + 4 + 0 + 0.25 = 5.25        ||W||_1 = 1 + 2 + 0 + 0.5 = 3.5
 * sign(W) = [[1, -1], [0, 1]]                (sign(0) = 0)
 * </pre>
 */
final class RegularizerCases {
    private RegularizerCases() {
    }

    private static final double[] W = v(1, -2, 0, 0.5);
    private static final double[] G = v(0.1, 0.2, -0.3, 0);
    private static final double[] B = v(3, -4);
    private static final double[] GB = v(0.5, -0.5);

    static final List<RegularizerCase> ALL = List.of(
            // l2, lambda = 0.1: penalty (0.1 / 2) * 5.25 = 0.2625; G += 0.1 W
            new RegularizerCase("l2", new L2(), Map.of("lambda", "0.1"), List.of(
                    //   G + 0.1 W = [0.1 + 0.1, 0.2 - 0.2, -0.3 + 0, 0 + 0.05] = [0.2, 0, -0.3, 0.05]
                    new Example("weight decayed, bias not", List.of(
                            weight(2, 2, W, G, v(0.2, 0, -0.3, 0.05), null),
                            bias(B, GB)),
                            0.2625)),
                    false,
                    List.of(new Bad("lambda", "-0.1", "[0, inf)"), new Bad("lambda", "x", "[0, inf)"))),

            // l1, lambda = 0.1: penalty 0.1 * 3.5 = 0.35; G += 0.1 sign(W)
            new RegularizerCase("l1", new L1(), Map.of("lambda", "0.1"), List.of(
                    //   G + 0.1 sign(W) = [0.1 + 0.1, 0.2 - 0.1, -0.3 + 0, 0 + 0.1] = [0.2, 0.1, -0.3, 0.1]
                    //   (W[1][0] = 0: subgradient 0, G[1][0] stays -0.3)
                    new Example("signs added, zero weight and bias untouched", List.of(
                            weight(2, 2, W, G, v(0.2, 0.1, -0.3, 0.1), null),
                            bias(B, GB)),
                            0.35)),
                    false,
                    List.of(new Bad("lambda", "-1e-5", "[0, inf)"))),

            // elastic-net, lambda = 0.1, r = 0.25: L1 coefficient lambda r = 0.025, L2 coefficient
            //   lambda (1 - r) = 0.075
            //   penalty 0.1 * (0.25 * 3.5 + (0.75 / 2) * 5.25) = 0.1 * (0.875 + 1.96875) = 0.284375
            new RegularizerCase("elastic-net", new ElasticNet(), Map.of("lambda", "0.1", "l1-ratio", "0.25"), List.of(
                    //   G + 0.025 sign(W) + 0.075 W:
                    //     [0.1 + 0.025 + 0.075, 0.2 - 0.025 - 0.15, -0.3 + 0 + 0, 0 + 0.025 + 0.0375]
                    //   = [0.2, 0.025, -0.3, 0.0625]
                    new Example("both terms on the weight, bias untouched", List.of(
                            weight(2, 2, W, G, v(0.2, 0.025, -0.3, 0.0625), null),
                            bias(B, GB)),
                            0.284375)),
                    false,
                    List.of(new Bad("lambda", "-0.1", "[0, inf)"), new Bad("l1-ratio", "1.5", "[0, 1]"),
                            new Bad("l1-ratio", "-0.5", "[0, 1]"))),

            // max-norm, c = 1.5: a constraint; penalty 0, gradients untouched; rows of W with norm > 1.5
            //   are scaled to norm 1.5
            new RegularizerCase("max-norm", new MaxNorm(), Map.of("max-norm", "1.5"), List.of(
                    //   row 0: |[1, -2]| = sqrt(5) = 2.2360679774997896 > 1.5,
                    //          factor 1.5 / sqrt(5) = 0.6708203932499369 -> [0.6708203932499369, -1.3416407864998738]
                    //   row 1: |[0, 0.5]| = 0.5: untouched
                    //   bias [3, -4] has norm 5 > 1.5: untouched all the same
                    new Example("long row rescaled, short row and bias untouched", List.of(
                            weight(2, 2, W, G, null, v(0.6708203932499369, -1.3416407864998738, 0, 0.5)),
                            bias(B, GB)),
                            0),
                    //   W = [[-1.5, 0], [0.3, -0.4]]: row norms 1.5 (not above c) and 0.5: untouched
                    new Example("rows within the ball, one exactly on it", List.of(
                            weight(2, 2, v(-1.5, 0, 0.3, -0.4), G, null, null)),
                            0)),
                    false,
                    List.of(new Bad("max-norm", "0", "(0, inf)"), new Bad("max-norm", "-3", "(0, inf)"))),

            // dropout, rate = 0.5: acts through the layer it inserts (DropoutLayerTest); no penalty,
            //   no constraint: every parameter untouched
            new RegularizerCase("dropout", new Dropout(), Map.of("rate", "0.5"), List.of(
                    new Example("parameters untouched", List.of(
                            weight(2, 2, W, G, null, null),
                            bias(B, GB)),
                            0)),
                    true,
                    List.of(new Bad("rate", "1.5", "[0, 1)"), new Bad("rate", "1", "[0, 1)"),
                            new Bad("rate", "-0.1", "[0, 1)"))));
}
