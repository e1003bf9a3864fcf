package org.gradflow.initializers;

import static org.gradflow.initializers.InitializerCase.Distribution.NORMAL;
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
            new InitializerCase("uniform", new Uniform(), UNIFORM, 1,
                    (fanOut, fanIn, gain) -> gain * gain / (3.0 * fanIn)),
            // a = gain sqrt(6 / (fanIn + fanOut))  ->  Var = gain^2 * 2 / (fanIn + fanOut)
            new InitializerCase("xavier-uniform", new XavierUniform(), UNIFORM, 1,
                    (fanOut, fanIn, gain) -> gain * gain * 2.0 / (fanIn + fanOut)),
            new InitializerCase("xavier-normal", new XavierNormal(), NORMAL, 1,
                    (fanOut, fanIn, gain) -> gain * gain * 2.0 / (fanIn + fanOut)),
            // a = gain sqrt(3 / fanIn)  ->  Var = gain^2 / fanIn  (= 2 / fanIn by default)
            new InitializerCase("he-uniform", new HeUniform(), UNIFORM, SQRT2,
                    (fanOut, fanIn, gain) -> gain * gain / fanIn),
            new InitializerCase("he-normal", new HeNormal(), NORMAL, SQRT2,
                    (fanOut, fanIn, gain) -> gain * gain / fanIn));
}
