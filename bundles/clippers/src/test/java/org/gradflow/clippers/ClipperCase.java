package org.gradflow.clippers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.gradflow.api.clipper.GradientClipper;

/**
 * One row of the clipper test table: what the generic tests in {@link ClipperContractTest} need.
 *
 * @param name     its {@code gradflow.component.name}
 * @param clipper  the component, as DS would create it
 * @param settings its parameters for the examples (keys without the {@code clipper.} prefix)
 * @param examples hand-computed clipping steps; at least one clips and one does not
 * @param bad      parameter values that must be rejected
 */
record ClipperCase(String name, GradientClipper clipper, Map<String, String> settings, List<Example> examples,
        List<Bad> bad) {

    /**
     * One parameter of an example, row-major values.
     *
     * @param weight   its value (only {@code adaptive} reads it); {@code null} for all ones
     * @param expected its gradient after clipping; {@code null} for "unchanged, bit for bit"
     */
    record Param(int rows, int cols, double[] weight, double[] gradient, double[] expected) {
        double[] weightOrOnes() {
            if (weight != null) {
                return weight;
            }
            double[] ones = new double[rows * cols];
            Arrays.fill(ones, 1);
            return ones;
        }

        double[] expectedOrGradient() {
            return expected == null ? gradient : expected;
        }
    }

    /** One call of {@code clip} on these parameters, and what it must return. */
    record Example(String what, List<Param> params, double normBefore, boolean clipped) {
        @Override
        public String toString() {
            return what;
        }
    }

    /**
     * A value that validation must reject; the message must contain {@code clipper.key=value} and the
     * allowed range as {@link org.gradflow.api.component.ParameterSpec#allowed()} writes it.
     */
    record Bad(String key, String value, String allowed) {
    }

    static Param param(int rows, int cols, double[] gradient, double[] expected) {
        return new Param(rows, cols, null, gradient, expected);
    }

    static Param param(int rows, int cols, double[] weight, double[] gradient, double[] expected) {
        return new Param(rows, cols, weight, gradient, expected);
    }

    static double[] v(double... values) {
        return values;
    }

    @Override
    public String toString() {
        return name;
    }
}
