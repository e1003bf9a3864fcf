package org.gradflow.activations;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.DoubleStream;

import org.gradflow.api.activation.Activation;

/**
 * One row of the activation test table: what the generic tests in {@link ActivationContractTest}
 * need to know about a component. A component with parameters may have several rows, one per set of
 * settings tried.
 *
 * @param name        its {@code gradflow.component.name}
 * @param activation  the component, as DS would create it
 * @param settings    parameter values to create it with (keys without the {@code activation.} prefix)
 * @param checkPoints where the finite-difference check runs: away from kinks, and where {@code |f'|} is
 *                    large enough for a central difference to resolve it (about 1e-5 when
 *                    {@code |f|} is near 1)
 * @param known       {@code {x, f(x), f'(x)}} triples computed independently (mpmath, 40 digits)
 * @param lower       smallest value {@code f} can take, for the extremes test
 * @param upper       largest value {@code f} can take
 * @param rejected    settings that must be refused, with a fragment of the expected message
 */
record ActivationCase(String name, Activation activation, Map<String, String> settings, double[] checkPoints,
        double[][] known, double lower, double upper, List<Rejected> rejected) {

    /** A row with no settings that must be refused. */
    ActivationCase(String name, Activation activation, Map<String, String> settings, double[] checkPoints,
            double[][] known, double lower, double upper) {
        this(name, activation, settings, checkPoints, known, lower, upper, List.of());
    }

    /**
     * Settings that {@code Settings.validate} or {@code create} must refuse with a
     * {@code ConfigurationException} whose message contains {@code message}.
     */
    record Rejected(Map<String, String> settings, String message) {
    }

    @Override
    public String toString() {
        return settings.isEmpty() ? name : name + " " + new TreeMap<>(settings);
    }

    /** {@code from, from+step, ..., to}, leaving out 0 when {@code skipZero} (a kink). */
    static double[] grid(double from, double to, double step, boolean skipZero) {
        int n = (int) Math.round((to - from) / step);
        return DoubleStream.iterate(0, i -> i + 1).limit(n + 1L)
                .map(i -> from + i * step)
                .filter(x -> !(skipZero && x == 0))
                .toArray();
    }

    /** {@code xs} without the given kinks. */
    static double[] except(double[] xs, double... kinks) {
        return DoubleStream.of(xs).filter(x -> Arrays.stream(kinks).noneMatch(k -> k == x)).toArray();
    }
}
