package org.gradflow.diagnosis;

import static org.junit.Assert.assertEquals;

import java.util.Locale;

import org.junit.Test;

/** The formats of evidence and remedies: compact, and the same in every locale. */
public class NumbersTest {
    @Test
    public void compact() {
        assertEquals("0.31", Numbers.compact(0.3127));
        assertEquals("12", Numbers.compact(12.3));
        assertEquals("870", Numbers.compact(870.4));
        assertEquals("0.01", Numbers.compact(0.01));
        assertEquals("3.2e-07", Numbers.compact(3.2e-7));
        assertEquals("9.9e-03", Numbers.compact(0.00987));
        assertEquals("1.0e+03", Numbers.compact(1000));
        assertEquals("-2.5e+04", Numbers.compact(-2.5e4));
        assertEquals("0", Numbers.compact(0));
        assertEquals("NaN", Numbers.compact(Double.NaN));
        assertEquals("+inf", Numbers.compact(Double.POSITIVE_INFINITY));
        assertEquals("-inf", Numbers.compact(Double.NEGATIVE_INFINITY));
    }

    @Test
    public void signed() {
        assertEquals("+0.088", Numbers.signed(0.088));
        assertEquals("-0.094", Numbers.signed(-0.0941));
        assertEquals("0", Numbers.signed(0));
    }

    @Test
    public void percent() {
        assertEquals("91%", Numbers.percent(0.9134));
        assertEquals("50%", Numbers.percent(0.5));
        assertEquals("2.3%", Numbers.percent(0.023));
        assertEquals("2%", Numbers.percent(0.02));
        assertEquals("0%", Numbers.percent(0));
        assertEquals("0.4%", Numbers.percent(0.004));
        assertEquals("100%", Numbers.percent(1));
    }

    @Test
    public void specValue() {
        assertEquals("0.005", Numbers.specValue(0.005));
        assertEquals("0.0015", Numbers.specValue(0.0015));
        assertEquals("0.000333", Numbers.specValue(1e-3 / 3));
        assertEquals("5e-05", Numbers.specValue(5e-5));
        assertEquals("1.5e-05", Numbers.specValue(1.5e-5));
        assertEquals("0.5", Numbers.specValue(0.5));
        assertEquals("2", Numbers.specValue(2));
        assertEquals(5e-5, Double.parseDouble(Numbers.specValue(5e-5)), 0);
    }

    /** A decimal comma locale changes nothing. */
    @Test
    public void localeIndependent() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("3.2e-07", Numbers.compact(3.2e-7));
            assertEquals("2.3%", Numbers.percent(0.023));
            assertEquals("5e-05", Numbers.specValue(5e-5));
        } finally {
            Locale.setDefault(before);
        }
    }
}
