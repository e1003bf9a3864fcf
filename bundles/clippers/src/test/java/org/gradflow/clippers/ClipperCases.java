package org.gradflow.clippers;

import static org.gradflow.clippers.ClipperCase.param;
import static org.gradflow.clippers.ClipperCase.v;

import java.util.List;
import java.util.Map;

import org.gradflow.clippers.ClipperCase.Bad;
import org.gradflow.clippers.ClipperCase.Example;

/**
 * The table of clippers this bundle provides, each with examples worked out by hand. A new clipper is
 * one class plus one entry here; {@code BundleMetadataIT} fails if the bundle registers a component
 * that has no entry. {@code expected = null} means "this gradient must come back bit for bit".
 */
final class ClipperCases {
    private ClipperCases() {
    }

    static final List<ClipperCase> ALL = List.of(
            // value, threshold c = 1.5: clamp every element to [-1.5, 1.5]
            new ClipperCase("value", new Value(), Map.of("threshold", "1.5"), List.of(
                    // g1 = [2, -0.5, -3], g2 = [1, 1.5]
                    //   N = sqrt(4 + 0.25 + 9 + 1 + 2.25) = sqrt(16.5) = 4.0620192023179802
                    //   g1 -> [1.5, -0.5, -1.5]; g2: max |g2| = 1.5 is not above c, untouched
                    new Example("some elements clipped", List.of(
                            param(1, 3, v(2, -0.5, -3), v(1.5, -0.5, -1.5)),
                            param(1, 2, v(1, 1.5), null)),
                            4.0620192023179802, true),
                    // g1 = [1.5, -1.5], g2 = [0.25, -0]: all within [-1.5, 1.5]
                    //   N = sqrt(2.25 + 2.25 + 0.0625) = sqrt(4.5625) = 2.1360009363293828
                    new Example("all within the threshold", List.of(
                            param(1, 2, v(1.5, -1.5), null),
                            param(1, 2, v(0.25, -0.0), null)),
                            2.1360009363293828, false)),
                    List.of(new Bad("threshold", "0", "(0, inf)"), new Bad("threshold", "-1", "(0, inf)"),
                            new Bad("threshold", "big", "(0, inf)"))),

            // norm, max-norm c = 5: each tensor with |g_i| > 5 is scaled by 5 / |g_i|
            new ClipperCase("norm", new Norm(), Map.of("max-norm", "5"), List.of(
                    // g1 = [[6, 0], [0, 8]]: |g1| = 10 > 5, factor 5 / 10 = 0.5 -> [[3, 0], [0, 4]]
                    // g2 = [3, 4]:           |g2| = 5, not above c, untouched
                    //   N = sqrt(100 + 25) = sqrt(125) = 11.180339887498948
                    new Example("one tensor clipped", List.of(
                            param(2, 2, v(6, 0, 0, 8), v(3, 0, 0, 4)),
                            param(1, 2, v(3, 4), null)),
                            11.180339887498948, true),
                    // g1 = [1, 2, 2]: |g1| = 3;  g2 = [-0, 4]: |g2| = 4;  N = sqrt(9 + 16) = 5
                    //   (the joint norm may exceed c: only each tensor's own norm counts)
                    new Example("every tensor within max-norm", List.of(
                            param(1, 3, v(1, 2, 2), null),
                            param(1, 2, v(-0.0, 4), null)),
                            5, false)),
                    List.of(new Bad("max-norm", "0", "(0, inf)"), new Bad("max-norm", "-5", "(0, inf)"))),

            // global-norm, max-norm c = 6.5: if N > c, every gradient is scaled by c / (N + 1e-6)
            new ClipperCase("global-norm", new GlobalNorm(), Map.of("max-norm", "6.5"), List.of(
                    // g1 = [3, 4], g2 = [0, 12]
                    //   N = sqrt(9 + 16 + 0 + 144) = sqrt(169) = 13 > 6.5
                    //   factor = 6.5 / 13.000001 = 0.5 / 1.0000000769230769 = 0.49999996153846450
                    //   g1 -> [1.4999998846153935, 1.9999998461538580]  (3 and 4 times the factor)
                    //   g2 -> [0, 5.9999995384615740]                    (12 times the factor)
                    new Example("joint norm 13 clipped to 6.5", List.of(
                            param(1, 2, v(3, 4), v(1.4999998846153935, 1.9999998461538580)),
                            param(1, 2, v(0, 12), v(0, 5.9999995384615740))),
                            13, true),
                    // g1 = [2.5, 0], g2 = [[0, -0], [6, 0]]: N = sqrt(6.25 + 36) = sqrt(42.25) = 6.5 = c,
                    //   not above it: untouched (PyTorch would multiply by 6.5 / 6.500001)
                    new Example("joint norm exactly max-norm", List.of(
                            param(1, 2, v(2.5, 0), null),
                            param(2, 2, v(0, -0.0, 6, 0), null)),
                            6.5, false)),
                    List.of(new Bad("max-norm", "0", "(0, inf)"), new Bad("max-norm", "-1", "(0, inf)"),
                            new Bad("max-norm", "", "(0, inf)"))),

            // adaptive, lambda = 0.1, eps = 1e-3 (default): per row i,
            //   f_i = 0.1 max(|W_i|, 0.001) / |G_i|;  if f_i < 1: G_i = f_i G_i
            new ClipperCase("adaptive", new Adaptive(), Map.of("lambda", "0.1"), List.of(
                    // A: W = [[3, 4], [0, 0]], G = [[6, 8], [0.0003, 0.0004]]
                    //   row 0: |W_0| = 5, cap 0.1 * 5 = 0.5;  |G_0| = 10: f = 0.05   -> [0.3, 0.4]
                    //   row 1: |W_1| = 0 < eps, cap 0.1 * 0.001 = 1e-4;  |G_1| = 5e-4: f = 0.2 -> [6e-5, 8e-5]
                    // B (bias, one unit): W = [0.6, 0.8], |W| = 1, cap 0.1;  G = [0.03, -0.04], |G| = 0.05: f = 2, untouched
                    // C ([2, 1], one weight per unit): W = [[2], [0.5]], G = [[1], [0.01]]
                    //   row 0: cap 0.2, |G_0| = 1: f = 0.2 -> 0.2;  row 1: cap 0.05, |G_1| = 0.01: f = 5, kept 0.01
                    //   N^2 = 100 + 9e-8 + 1.6e-7 + 9e-4 + 1.6e-3 + 1 + 1e-4 = 101.00260025
                    //   N = 10.050004987560951
                    new Example("rows clipped relative to their weights", List.of(
                            param(2, 2, v(3, 4, 0, 0), v(6, 8, 0.0003, 0.0004), v(0.3, 0.4, 6e-5, 8e-5)),
                            param(1, 2, v(0.6, 0.8), v(0.03, -0.04), null),
                            param(2, 1, v(2, 0.5), v(1, 0.01), v(0.2, 0.01))),
                            10.050004987560951, true),
                    // W = [[1, 0], [0, 2]], G = [[0.05, 0], [-0, 0.1]]: caps 0.1 and 0.2, |G_i| 0.05 and 0.1
                    // bias W = [0, 0], G = [0, 0]: a zero gradient is never clipped
                    //   N = sqrt(0.0025 + 0.01) = sqrt(0.0125) = 0.11180339887498948
                    new Example("every unit within its cap", List.of(
                            param(2, 2, v(1, 0, 0, 2), v(0.05, 0, -0.0, 0.1), null),
                            param(1, 2, v(0, 0), v(0, 0), null)),
                            0.11180339887498948, false)),
                    List.of(new Bad("lambda", "0", "(0, inf)"), new Bad("eps", "-0.001", "(0, inf)"),
                            new Bad("eps", "0", "(0, inf)"))));
}
