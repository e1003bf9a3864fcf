package org.gradflow.activations;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/**
 * {@link Erf} against values computed independently with mpmath at 40 digits
 * ({@code mp.dps = 40; erf(x), erfc(x)}), to a relative error of 1e-14: two orders of magnitude tighter
 * than the 1e-12 the package promises for {@code gelu}.
 */
public class ErfTest {
    private static final double TOLERANCE = 1e-14;

    /** {@code {x, erf(x), erfc(x)}}. */
    private static final double[][] KNOWN = {
        {0, 0, 1},
        {1e-300, 1.1283791670955125739e-300, 1},
        {1e-10, 1.1283791670955125739e-10, 0.99999999988716208329},
        {0.1, 0.1124629160182848922, 0.8875370839817151078},
        {0.5, 0.52049987781304653768, 0.47950012218695346232},
        {1, 0.84270079294971486934, 0.15729920705028513066},
        {1.5, 0.96610514647531072707, 0.033894853524689272933},
        {2, 0.99532226501895273416, 0.0046777349810472658379},
        {3, 0.99997790950300141456, 2.2090496998585441373e-5},
        {4, 0.99999998458274209972, 1.5417257900280018852e-8},
        {6, 0.99999999999999997848, 2.1519736712498913117e-17},
        {10, 1, 2.088487583762544757e-45},
        {20, 1, 5.3958656116079009289e-176},
        {26, 1, 5.6631924088561428465e-296},
        {-0.5, -0.52049987781304653768, 1.5204998778130465377},
        {-1, -0.84270079294971486934, 1.8427007929497148693},
        {-3, -0.99997790950300141456, 1.9999779095030014146},
    };

    @Test
    public void knownValues() {
        for (double[] k : KNOWN) {
            assertClose("erf(" + k[0] + ")", k[1], Erf.erf(k[0]));
            assertClose("erfc(" + k[0] + ")", k[2], Erf.erfc(k[0]));
        }
    }

    /**
     * Dense checks without a table: erf is odd, {@code erf + erfc = 1}, and the derivative of erf is
     * {@code 2/sqrt(pi) e^(-x^2)} (a central difference across the switch from series to continued
     * fraction at {@code |x| = 1} also catches a jump there).
     */
    @Test
    public void identitiesAndDerivative() {
        for (double x = -6; x <= 6; x += 1.0 / 64) {
            assertEquals("erf(-x) = -erf(x) at " + x, -Erf.erf(x), Erf.erf(-x), 0);
            assertEquals("erf + erfc at " + x, 1, Erf.erf(x) + Erf.erfc(x), 4e-16);
            double h = 1e-5;
            double numeric = (Erf.erf(x + h) - Erf.erf(x - h)) / (2 * h);
            double analytic = 2 / Math.sqrt(Math.PI) * Erf.expMinusSquare(x);
            assertEquals("erf'(" + x + ")", analytic, numeric, 1e-9 * analytic + 1e-11);
        }
        double below = Math.nextDown(1.0);
        assertClose("erfc continuous at the switch", Erf.erfc(below), Erf.erfc(1.0));
    }

    /** erfc keeps relative precision down to the smallest normal double, then reaches 0 without NaN. */
    @Test
    public void tailAndExtremes() {
        double previous = Erf.erfc(1);
        for (double x = 1.25; x < 30; x += 0.25) {
            double v = Erf.erfc(x);
            assertTrue("erfc decreasing at " + x + ": " + v + " after " + previous, v < previous || v == 0);
            previous = v;
        }
        assertEquals(0, Erf.erfc(27.5), 0);
        assertEquals(0, Erf.erfc(Double.POSITIVE_INFINITY), 0);
        assertEquals(2, Erf.erfc(Double.NEGATIVE_INFINITY), 0);
        assertEquals(1, Erf.erf(Double.POSITIVE_INFINITY), 0);
        assertEquals(-1, Erf.erf(Double.NEGATIVE_INFINITY), 0);
        assertEquals(2, Erf.erfc(-1e300), 0);
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
        assertEquals(0, Erf.expMinusSquare(Double.NEGATIVE_INFINITY), 0);
        assertEquals(0, Erf.expMinusHalfSquare(1e300), 0);
        // e^-(x^2) and e^-(x^2/2) to full precision near the bottom of the normal doubles
        assertClose("e^-(26.5^2)", 1.0392022621430825129e-305, Erf.expMinusSquare(26.5));
        assertClose("e^-(37^2/2)", 5.3140683644545394701e-298, Erf.expMinusHalfSquare(37));
    }

    private static void assertClose(String what, double expected, double actual) {
        if (!(expected == actual || Math.abs(expected - actual) <= TOLERANCE * Math.abs(expected))) {
            fail(what + ": expected " + expected + ", got " + actual + ", relative error "
                    + Math.abs(expected - actual) / Math.abs(expected));
        }
    }
}
