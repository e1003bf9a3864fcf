package org.gradflow.normalization;

import java.util.List;

import org.gradflow.api.normalization.Normalization;

/**
 * One row of the normalization test table: what the generic tests in {@link NormalizationContractTest} need.
 *
 * @param name          its {@code gradflow.component.name}
 * @param normalization the component, as DS would create it
 * @param defaults      each parameter's name and default, as {@code ParameterSpec.defaultValue()} gives it
 * @param buffers       the names of the layer's {@code buffers()}, in order
 * @param bad           parameter values that must be rejected
 */
record NormalizationCase(String name, Normalization normalization, List<String> defaults, List<String> buffers,
        List<Bad> bad) {
    static final String PREFIX = "normalization.";

    /**
     * A value that validation must reject; the message must contain {@code normalization.key=value} and
     * the allowed range as {@link org.gradflow.api.component.ParameterSpec#allowed()} writes it.
     */
    record Bad(String key, String value, String allowed) {
    }

    @Override
    public String toString() {
        return name;
    }
}
