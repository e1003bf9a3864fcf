package org.gradflow.optimizers;

import java.util.List;
import java.util.Map;

import org.gradflow.api.optimizer.Optimizer;

/**
 * One row of the optimizer test table: what the generic tests in {@link OptimizerContractTest} need.
 * Every case updates the same tiny parameter, a {@code [1, 2]} tensor starting at {@link #INITIAL},
 * with the fixed gradients {@link #GRADIENTS} on steps 1, 2 and 3.
 *
 * @param name      its {@code gradflow.component.name}
 * @param optimizer the component, as DS would create it
 * @param settings  hyper-parameters for the steps (keys without the {@code optimizer.} prefix)
 * @param expected  the parameter after steps 1, 2, 3, computed by hand (arithmetic in the table)
 * @param bad       hyper-parameter values that must be rejected
 */
record OptimizerCase(String name, Optimizer optimizer, Map<String, String> settings, double[][] expected,
        List<Bad> bad) {

    static final double[] INITIAL = {1.0, -2.0};
    static final double[][] GRADIENTS = {{0.5, -1.0}, {-1.0, 2.0}, {0.25, 0.5}};

    /**
     * A value that validation must reject; the message must contain {@code optimizer.key=value} and
     * the allowed range as {@link org.gradflow.api.component.ParameterSpec#allowed()} writes it.
     */
    record Bad(String key, String value, String allowed) {
    }

    @Override
    public String toString() {
        return name;
    }
}
