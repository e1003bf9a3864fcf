package org.gradflow.initializers;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.Settings;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/** The tests every initializer must pass, run over each entry of {@link InitializerCases}. */
@RunWith(Parameterized.class)
public class InitializerContractTest {

    @Parameters(name = "{0}")
    public static List<InitializerCase> cases() {
        return InitializerCases.ALL;
    }

    @Parameter
    public InitializerCase c;

    private Settings settings(Map<String, String> given) {
        return Settings.validate("initializer.", given, c.initializer().parameters());
    }

    private double[] fill(int fanOut, int fanIn, Map<String, String> given, long seed) {
        double[] w = new double[fanOut * fanIn];
        c.initializer().fill(w, fanOut, fanIn, settings(given), new Random(seed));
        return w;
    }

    @Test
    public void sameSeedSameWeights() {
        assertArrayEquals(fill(16, 24, Map.of(), 42), fill(16, 24, Map.of(), 42), 0);
        if (c.distribution() == InitializerCase.Distribution.FIXED) {
            assertArrayEquals("a fixed initializer ignores the seed",
                    fill(16, 24, Map.of(), 42), fill(16, 24, Map.of(), 43), 0);
        } else {
            assertFalse("another seed gives other weights",
                    Arrays.equals(fill(16, 24, Map.of(), 42), fill(16, 24, Map.of(), 43)));
        }
    }

    /** Degenerate shapes (one row, one column, one weight) are filled with finite values. */
    @Test
    public void smallShapesAreFilled() {
        int[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {3, 3}}; // {fanOut, fanIn}
        for (int[] shape : shapes) {
            double[] w = fill(shape[0], shape[1], Map.of(), 3);
            boolean nonZero = false;
            for (double v : w) {
                assertTrue(c.name() + " [" + shape[0] + ", " + shape[1] + "]: " + v, Double.isFinite(v));
                nonZero |= v != 0;
            }
            assertTrue(c.name() + " [" + shape[0] + ", " + shape[1] + "] is all zero", nonZero);
        }
    }

    /**
     * On a large matrix the sample mean is ~0 and the sample variance matches the documented formula.
     * Both orientations (fanIn > fanOut and fanIn < fanOut) so a swapped fan is caught; the kurtosis
     * tells the uniform variants from the normal ones. A fixed matrix's variance must match exactly.
     */
    @Test
    public void momentsMatchTheFormula() {
        int[][] shapes = {{256, 512}, {512, 128}}; // {fanOut, fanIn}
        for (int[] shape : shapes) {
            int fanOut = shape[0];
            int fanIn = shape[1];
            double[] w = fill(fanOut, fanIn, Map.of(), 1);
            int n = w.length;
            double mean = 0;
            for (double v : w) {
                mean += v;
            }
            mean /= n;
            double m2 = 0;
            double m4 = 0;
            for (double v : w) {
                double d = (v - mean) * (v - mean);
                m2 += d;
                m4 += d * d;
            }
            m2 /= n;
            m4 /= n;
            double expected = c.variance().of(fanOut, fanIn, c.defaultScale());
            String shapeText = c.name() + " [" + fanOut + ", " + fanIn + "]";
            if (c.distribution() == InitializerCase.Distribution.FIXED) {
                assertEquals(shapeText + " variance", expected, m2, 1e-12 * expected);
                continue;
            }
            // the sample mean has standard deviation sqrt(Var / n); allow 5 of them
            assertEquals(shapeText + " mean", 0, mean, 5 * Math.sqrt(expected / n));
            // the sample variance's relative standard deviation is below sqrt(2 / n) = 0.4%; allow 2%
            assertEquals(shapeText + " variance", expected, m2, 0.02 * expected);
            assertEquals(shapeText + " kurtosis", c.distribution().kurtosis, m4 / (m2 * m2), 0.1);
        }
    }

    /** Uniform variants stay within +-sqrt(3 Var) and use the whole interval. */
    @Test
    public void uniformVariantsStayWithinTheirBound() {
        if (c.distribution() != InitializerCase.Distribution.UNIFORM) {
            return;
        }
        int fanOut = 256;
        int fanIn = 512;
        double bound = Math.sqrt(3 * c.variance().of(fanOut, fanIn, c.defaultScale()));
        double max = 0;
        for (double v : fill(fanOut, fanIn, Map.of(), 5)) {
            assertTrue(v + " outside +-" + bound, Math.abs(v) <= bound * (1 + 1e-12));
            max = Math.max(max, Math.abs(v));
        }
        assertTrue("largest |w| " + max + " should approach the bound " + bound, max > 0.999 * bound);
    }

    /** The scale (gain, or std) multiplies every weight: the same draws times scale / default scale. */
    @Test
    public void scaleIsHonoured() {
        String key = c.scaleParameter();
        double[] byDefault = fill(32, 48, Map.of(), 9);
        double[] explicitDefault = fill(32, 48, Map.of(key, Double.toString(c.defaultScale())), 9);
        assertArrayEquals("default " + key + " is " + c.defaultScale(), byDefault, explicitDefault, 0);
        double[] scaled = fill(32, 48, Map.of(key, "2.5"), 9);
        for (int i = 0; i < scaled.length; i++) {
            double expected = byDefault[i] * 2.5 / c.defaultScale();
            assertEquals("w[" + i + "]", expected, scaled[i], 1e-14 * Math.abs(expected) + 1e-300);
        }
    }

    @Test
    public void badScaleIsRejectedByName() {
        String key = c.scaleParameter();
        for (String bad : new String[] {"0", "-1", "x"}) {
            try {
                settings(Map.of(key, bad));
                fail(key + " " + bad + " accepted");
            } catch (ConfigurationException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("initializer." + key + "=" + bad));
                assertTrue(e.getMessage(), e.getMessage().contains("allowed (0, inf)"));
            }
        }
    }

    @Test
    public void wrongShapeIsRejected() {
        try {
            c.initializer().fill(new double[10], 3, 4, Settings.empty(), new Random(0));
            fail("accepted 10 values for [3, 4]");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("[3, 4]"));
        }
        try {
            c.initializer().fill(new double[0], 0, 4, Settings.empty(), new Random(0));
            fail("accepted fanOut 0");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("[0, 4]"));
        }
    }
}
