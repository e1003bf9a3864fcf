package org.gradflow.initializers;

import org.gradflow.api.initializer.Initializer;

/**
 * One row of the initializer test table: what the generic tests in {@link InitializerContractTest}
 * need.
 *
 * @param name         its {@code gradflow.component.name}
 * @param initializer  the component, as DS would create it
 * @param distribution the shape of the draws; a uniform one's bound is {@code sqrt(3 Var[w])}
 * @param defaultGain  the gain used when none is given
 * @param variance     {@code Var[w]} for a {@code [fanOut, fanIn]} matrix and a gain
 */
record InitializerCase(String name, Initializer initializer, Distribution distribution, double defaultGain,
        Variance variance) {

    enum Distribution {
        /** U(-a, a): kurtosis 9/5. */
        UNIFORM(1.8),
        /** N(0, s^2): kurtosis 3. */
        NORMAL(3);

        final double kurtosis;

        Distribution(double kurtosis) {
            this.kurtosis = kurtosis;
        }
    }

    /** The documented variance formula. */
    interface Variance {
        double of(int fanOut, int fanIn, double gain);
    }

    @Override
    public String toString() {
        return name;
    }
}
