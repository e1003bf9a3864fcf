package org.gradflow.initializers;

import static org.gradflow.initializers.InitializerCase.Distribution.FIXED;
import static org.gradflow.initializers.InitializerCase.Distribution.NORMAL;
import static org.gradflow.initializers.InitializerCase.Distribution.ORTHOGONAL;
import static org.gradflow.initializers.InitializerCase.Distribution.UNIFORM;

import java.util.List;

/**
 * The table of initializers this bundle provides, each with its variance formula written
 * independently of the implementation. A new initializer is one class plus one entry here;
 * {@code BundleMetadataIT} fails if the bundle registers a component that has no entry.
 */
final class InitializerCases {
    private InitializerCases() {
    }

    static final double SQRT2 = Math.sqrt(2);

    static final List<InitializerCase> ALL = List.of(
            // a = gain / sqrt(fanIn)  ->  Var = a^2 / 3
            new InitializerCase("uniform", new Uniform(), UNIFORM, "gain", 1,
                    (fanOut, fanIn, gain) -> gain * gain / (3.0 * fanIn)),
            // a = gain sqrt(6 / (fanIn + fanOut))  ->  Var = gain^2 * 2 / (fanIn + fanOut)
            new InitializerCase("xavier-uniform", new XavierUniform(), UNIFORM, "gain", 1,
                    (fanOut, fanIn, gain) -> gain * gain * 2.0 / (fanIn + fanOut)),
            new InitializerCase("xavier-normal", new XavierNormal(), NORMAL, "gain", 1,
                    (fanOut, fanIn, gain) -> gain * gain * 2.0 / (fanIn + fanOut)),
            // a = gain sqrt(3 / fanIn)  ->  Var = gain^2 / fanIn  (= 2 / fanIn by default)
            new InitializerCase("he-uniform", new HeUniform(), UNIFORM, "gain", SQRT2,
                    (fanOut, fanIn, gain) -> gain * gain / fanIn),
            new InitializerCase("he-normal", new HeNormal(), NORMAL, "gain", SQRT2,
                    (fanOut, fanIn, gain) -> gain * gain / fanIn),
            // Var = std^2 whatever the fans
            new InitializerCase("normal", new Normal(), NORMAL, "std", 0.01,
                    (fanOut, fanIn, std) -> std * std),
            // std = gain / sqrt(fanIn)  ->  Var = gain^2 / fanIn  (= 1 / fanIn by default)
            new InitializerCase("lecun-normal", new LecunNormal(), NORMAL, "gain", 1,
                    (fanOut, fanIn, gain) -> gain * gain / fanIn),
            // n = min(fanOut, fanIn) orthonormal vectors of length m = max(fanOut, fanIn), times gain:
            // the squares of all m n entries sum to gain^2 n, so Var = gain^2 n / (m n) = gain^2 / m
            new InitializerCase("orthogonal", new Orthogonal(), ORTHOGONAL, "gain", 1,
                    (fanOut, fanIn, gain) -> gain * gain / Math.max(fanOut, fanIn)),
            // k = min(fanOut, fanIn) entries gain, the other N - k zero (N = fanOut fanIn):
            // mean = gain k / N, Var = gain^2 k / N - mean^2
            new InitializerCase("identity", new Identity(), FIXED, "gain", 1,
                    (fanOut, fanIn, gain) -> {
                        double n = (double) fanOut * fanIn;
                        double mean = gain * Math.min(fanOut, fanIn) / n;
                        return gain * gain * Math.min(fanOut, fanIn) / n - mean * mean;
                    }));
}
