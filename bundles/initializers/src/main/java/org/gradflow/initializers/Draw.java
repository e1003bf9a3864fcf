package org.gradflow.initializers;

import java.util.Random;

/** The two ways the initializers here draw weights, and the shape check they share. */
final class Draw {
    private Draw() {
    }

    /** Checks that {@code values} holds exactly a {@code [fanOut, fanIn]} matrix. */
    static void checkShape(double[] values, int fanOut, int fanIn) {
        if (fanOut <= 0 || fanIn <= 0) {
            throw new IllegalArgumentException("weight shape [" + fanOut + ", " + fanIn + "] must be positive");
        }
        if (values.length != (long) fanOut * fanIn) {
            throw new IllegalArgumentException("weight shape [" + fanOut + ", " + fanIn + "] needs "
                    + (long) fanOut * fanIn + " values, the array holds " + values.length);
        }
    }

    /** Each value from U(-bound, bound) (more exactly [-bound, bound)); variance bound^2 / 3. */
    static void uniform(double[] values, double bound, Random random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = bound * (2 * random.nextDouble() - 1);
        }
    }

    /** Each value from N(0, std^2). */
    static void normal(double[] values, double std, Random random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = std * random.nextGaussian();
        }
    }
}
