package org.gradflow.regularizers;

import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.api.tensor.TensorStats;

/**
 * The two weight penalties the regularizers are made of, each adding its gradient and returning its
 * value. Both do nothing and return 0 for a coefficient of 0, so a term that is switched off leaves the
 * gradient bit for bit as it was.
 */
final class Penalties {
    private Penalties() {
    }

    /** Whether penalties and constraints act on {@code p}: a trainable weight, not a bias (see the package doc). */
    static boolean appliesTo(Parameter p) {
        return p.role() == Parameter.Role.WEIGHT && !p.frozen();
    }

    /**
     * {@code g += a w}; returns {@code (a / 2) ||w||_2^2}: NaN if an element of {@code w} is NaN, else
     * {@code +inf} if one is infinite ({@code stats} leaves them out of its {@code l2}; {@code sumAbs}
     * is then exactly NaN or {@code +inf}).
     */
    static double halfSquared(double a, Parameter p) {
        if (a == 0) {
            return 0;
        }
        Tensor w = p.value();
        ComputeBackend b = w.backend();
        b.axpby(a, w, 1, p.gradient());
        TensorStats s = b.stats(w);
        double sumOfSquares = s.nonFinite() > 0 ? b.sumAbs(w) : s.l2() * s.l2();
        return a / 2 * sumOfSquares;
    }

    /**
     * {@code g += a sign(w)}, with {@code sign(0) = 0} (the subgradient of {@code |w|} at 0 closest to
     * 0); returns {@code a ||w||_1}, NaN if an element of {@code w} is NaN.
     */
    static double absolute(double a, Parameter p) {
        if (a == 0) {
            return 0;
        }
        Tensor w = p.value();
        ComputeBackend b = w.backend();
        b.addScaledSign(a, w, p.gradient());
        return a * b.sumAbs(w);
    }
}
