package org.gradflow.regularizers;

import java.util.List;
import java.util.Map;

import org.gradflow.api.nn.Parameter;
import org.gradflow.api.regularizer.Regularizer;

/**
 * One row of the regularizer test table: what the generic tests in {@link RegularizerContractTest} need.
 *
 * @param name          its {@code gradflow.component.name}
 * @param regularizer   the component, as DS would create it
 * @param settings      its parameters for the examples (keys without the {@code regularizer.<name>.} prefix)
 * @param examples      hand-computed steps: {@code addPenalty} on every parameter, then {@code constrain}
 * @param insertsLayers whether {@code layerAfter} returns a layer with these settings
 * @param bad           parameter values that must be rejected
 */
record RegularizerCase(String name, Regularizer regularizer, Map<String, String> settings, List<Example> examples,
        boolean insertsLayers, List<Bad> bad) {

    /** The prefix of this component's keys in a run spec. */
    String prefix() {
        return "regularizer." + name + ".";
    }

    /**
     * One parameter of an example, row-major values.
     *
     * @param expectedGradient its gradient after {@code addPenalty}; {@code null} for "unchanged, bit for bit"
     * @param expectedValue    its value after {@code constrain}; {@code null} for "unchanged, bit for bit"
     */
    record Param(Parameter.Role role, int rows, int cols, double[] value, double[] gradient,
            double[] expectedGradient, double[] expectedValue) {
        double[] gradientAfter() {
            return expectedGradient == null ? gradient : expectedGradient;
        }

        double[] valueAfter() {
            return expectedValue == null ? value : expectedValue;
        }
    }

    /** One step over these parameters, and the sum of the penalties {@code addPenalty} must return. */
    record Example(String what, List<Param> params, double penalty) {
        @Override
        public String toString() {
            return what;
        }
    }

    /**
     * A value that validation must reject; the message must contain {@code regularizer.<name>.key=value}
     * and the allowed range as {@link org.gradflow.api.component.ParameterSpec#allowed()} writes it.
     */
    record Bad(String key, String value, String allowed) {
    }

    static Param weight(int rows, int cols, double[] value, double[] gradient, double[] expectedGradient,
            double[] expectedValue) {
        return new Param(Parameter.Role.WEIGHT, rows, cols, value, gradient, expectedGradient, expectedValue);
    }

    /** A bias, which no regularizer touches. */
    static Param bias(double[] value, double[] gradient) {
        return new Param(Parameter.Role.BIAS, 1, value.length, value, gradient, null, null);
    }

    static double[] v(double... values) {
        return values;
    }

    @Override
    public String toString() {
        return name;
    }
}
