package org.gradflow.optimizers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Random;

import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/**
 * {@link Amsgrad#maximum} composes an element-wise maximum from existing backend operations; it must
 * equal {@link Math#max} bit for bit (zeros of either sign compare equal), for values of every
 * magnitude from subnormal to huge, in both precisions, and leave {@code x} unchanged.
 */
public class AmsgradMaximumTest {
    private final ReferenceBackend b = new ReferenceBackend();

    /** Pairs that are hard for an arithmetic maximum: ties, neighbours, subnormals, far-apart magnitudes. */
    private static double[][] pairs(Precision precision, int randomCount) {
        boolean f = precision == Precision.FLOAT32;
        double tiny = f ? Float.MIN_VALUE : Double.MIN_VALUE;
        double minNormal = f ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        double huge = f ? Float.MAX_VALUE : Double.MAX_VALUE;
        double one = 1;
        double next = f ? Math.nextUp(1f) : Math.nextUp(1.0);
        double[][] fixed = {
            {0, 0}, {0, -0.0}, {-0.0, 0}, {tiny, 0}, {0, tiny}, {tiny, 2 * tiny}, {minNormal, tiny},
            {one, next}, {next, one}, {huge, tiny}, {tiny, huge}, {huge, huge}, {0.3, 0.1}, {0.1, 0.3},
            {1e-30, 1e30}, {-1, -2}, {-2, -1}, {-tiny, tiny}, {huge, -huge}, {0.5625, 0.3125},
        };
        Random random = new Random(42);
        double[][] all = new double[fixed.length + randomCount][];
        for (int i = 0; i < fixed.length; i++) {
            all[i] = f ? new double[] {(float) fixed[i][0], (float) fixed[i][1]} : fixed[i];
        }
        for (int i = 0; i < randomCount; i++) {
            double x = random.nextDouble() * Math.pow(2, random.nextInt(f ? 200 : 1600) - (f ? 140 : 1060));
            double y = random.nextInt(4) == 0 ? x * (1 + (random.nextDouble() - 0.5) * 1e-15)
                    : random.nextDouble() * Math.pow(2, random.nextInt(f ? 200 : 1600) - (f ? 140 : 1060));
            all[fixed.length + i] = new double[] {f ? (float) x : x, f ? (float) y : y};
        }
        return all;
    }

    private void check(Precision precision) {
        double[][] pairs = pairs(precision, 5000);
        int n = pairs.length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = pairs[i][0];
            ys[i] = pairs[i][1];
        }
        Tensor x = b.allocate(1, n, precision);
        Tensor y = b.allocate(1, n, precision);
        b.upload(xs, 0, x);
        b.upload(ys, 0, y);
        Amsgrad.maximum(b, x, y, b.allocate(1, n, precision), b.allocate(1, n, precision));
        double[] got = b.values(y);
        double[] xAfter = b.values(x);
        for (int i = 0; i < n; i++) {
            String what = precision + " max(" + xs[i] + ", " + ys[i] + ")";
            assertEquals(what, Math.max(xs[i], ys[i]), got[i], 0);
            assertEquals("x is an input", Double.doubleToRawLongBits(xs[i]), Double.doubleToRawLongBits(xAfter[i]));
        }
    }

    @Test
    public void equalsMathMaxInFloat64() {
        check(Precision.FLOAT64);
    }

    @Test
    public void equalsMathMaxInFloat32() {
        check(Precision.FLOAT32);
    }

    @Test
    public void nanAndInfinity() {
        Tensor x = b.tensor(1, 4, Double.NaN, 1, Double.POSITIVE_INFINITY, 2);
        Tensor y = b.tensor(1, 4, 1, Double.NaN, 3, Double.POSITIVE_INFINITY);
        Amsgrad.maximum(b, x, y, b.allocate(1, 4, Precision.FLOAT64), b.allocate(1, 4, Precision.FLOAT64));
        double[] got = b.values(y);
        assertTrue("NaN in x propagates", Double.isNaN(got[0]));
        assertTrue("NaN in y propagates", Double.isNaN(got[1]));
        assertEquals(Double.POSITIVE_INFINITY, got[2], 0);
        assertEquals(Double.POSITIVE_INFINITY, got[3], 0);
    }
}
