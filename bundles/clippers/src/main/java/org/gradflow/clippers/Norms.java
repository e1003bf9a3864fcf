package org.gradflow.clippers;

import java.util.List;

import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.api.tensor.TensorStats;

/**
 * L2 norms of gradients, from the backend's {@code stats}, made robust:
 * <ul>
 * <li>a tensor with non-finite elements has norm NaN if one of them is NaN, else {@code +inf}
 *     ({@code stats} leaves them out of {@code l2}; a scratch copy clamped to [-1, 1] tells NaN, which
 *     clamp keeps, from infinity, which it does not);</li>
 * <li>where the sum of squares overflows ({@code l2} infinite although every element is finite) or
 *     underflows (a norm below 2^-450, about 3e-136), the tensor is measured again scaled by a power of two,
 *     which is exact;</li>
 * <li>norms are combined with the same power-of-two scaling, so {@code sqrt(5^2 + 12^2)} is exactly 13.</li>
 * </ul>
 */
final class Norms {
    private Norms() {
    }

    /** The non-frozen parameters of {@code parameters}, in order. */
    static List<Parameter> live(List<Parameter> parameters) {
        return parameters.stream().filter(p -> !p.frozen()).toList();
    }

    /** The L2 norm of {@code t}, whose stats are {@code s}. */
    static double l2(Tensor t, TensorStats s) {
        if (s.nonFinite() > 0) {
            return hasNaN(t) ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        if (!Double.isInfinite(s.l2()) && !(s.l2() < 0x1p-450 && s.maxAbs() > 0)) {
            return s.l2();
        }
        ComputeBackend b = t.backend();
        double scale = powerOfTwoBelow(s.maxAbs());
        try (Tensor scaled = b.allocate(t.rows(), t.cols(), t.precision())) {
            b.axpby(1 / scale, t, 0, scaled);
            return b.stats(scaled).l2() * scale;
        }
    }

    /** The L2 norm of {@code t}. */
    static double l2(Tensor t) {
        return l2(t, t.backend().stats(t));
    }

    /** {@code sqrt(sum norms[i]^2)}: NaN if any is NaN, else {@code +inf} if any is infinite. */
    static double combine(double[] norms) {
        double max = 0;
        boolean infinite = false;
        for (double n : norms) {
            if (Double.isNaN(n)) {
                return Double.NaN;
            }
            infinite |= Double.isInfinite(n);
            max = Math.max(max, n);
        }
        if (infinite) {
            return Double.POSITIVE_INFINITY;
        }
        if (max == 0) {
            return 0;
        }
        double scale = powerOfTwoBelow(max);
        double sum = 0;
        for (double n : norms) {
            double x = n / scale;
            sum += x * x;
        }
        return Math.sqrt(sum) * scale;
    }

    /** The largest power of two not above {@code x > 0} (for a subnormal x, 2^-1022 is close enough). */
    static double powerOfTwoBelow(double x) {
        return Math.scalb(1.0, Math.getExponent(x));
    }

    private static boolean hasNaN(Tensor t) {
        ComputeBackend b = t.backend();
        try (Tensor copy = b.allocate(t.rows(), t.cols(), t.precision())) {
            b.copy(t, copy);
            b.clamp(-1, 1, copy);
            return b.stats(copy).nonFinite() > 0;
        }
    }
}
