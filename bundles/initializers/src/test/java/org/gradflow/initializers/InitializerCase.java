package org.gradflow.initializers;

import org.gradflow.api.initializer.Initializer;

/**
 * One row of the initializer test table: what the generic tests in {@link InitializerContractTest}
 * need.
 *
 * @param name           its {@code gradflow.component.name}
 * @param initializer    the component, as DS would create it
 * @param distribution   the shape of the draws; a uniform one's bound is {@code sqrt(3 Var[w])}
 * @param scaleParameter the parameter that multiplies every weight: {@code gain}, or {@code std} for
 *                       {@code normal}
 * @param defaultScale   its value when none is given
 * @param variance       {@code Var[w]} for a {@code [fanOut, fanIn]} matrix and a scale (for a
 *                       {@link Distribution#FIXED} matrix, the exact variance of its entries)
 */
record InitializerCase(String name, Initializer initializer, Distribution distribution, String scaleParameter,
        double defaultScale, Variance variance) {

    enum Distribution {
        /** U(-a, a): kurtosis 9/5. */
        UNIFORM(1.8),
        /** N(0, s^2): kurtosis 3. */
        NORMAL(3),
        /**
         * Entries of a random matrix with orthonormal rows or columns of length k: each is a coordinate
         * of a point uniform on the unit sphere in R^k, kurtosis {@code 3k / (k + 2)}, 2.98 at k = 256.
         */
        ORTHOGONAL(3),
        /** No randomness: the same matrix for every seed; its variance is checked exactly. */
        FIXED(Double.NaN);

        final double kurtosis;

        Distribution(double kurtosis) {
            this.kurtosis = kurtosis;
        }
    }

    /** The documented variance formula. */
    interface Variance {
        double of(int fanOut, int fanIn, double scale);
    }

    @Override
    public String toString() {
        return name;
    }
}
