package org.gradflow.diagnosis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How numbers appear in evidence and remedies: short, locale-independent ({@link Locale#ROOT}).
 *
 * <pre>
 * compact(0.3127)  = "0.31"      two significant digits, plain in [0.01, 1000)
 * compact(3.2e-7)  = "3.2e-07"   otherwise scientific
 * compact(NaN)     = "NaN",  compact(+inf) = "+inf"
 * signed(-0.0912)  = "-0.091",   signed(0.08) = "+0.08"
 * percent(0.913)   = "91%",      percent(0.023) = "2.3%"   (whole percent from 10% up)
 * specValue(0.0015) = "0.0015"   three significant digits, as a user would type it in a run spec
 * </pre>
 */
final class Numbers {
    private Numbers() {
    }

    /** Two significant digits: plain in {@code [0.01, 1000)}, scientific ({@code 3.2e-07}) outside. */
    static String compact(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "+inf" : "-inf";
        }
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a >= 0.01 && a < 1000) {
            return BigDecimal.valueOf(x).round(new MathContext(2)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.1e", x);
    }

    /** {@link #compact} with an explicit sign for positive values: a rate of change. */
    static String signed(double x) {
        return (x > 0 ? "+" : "") + compact(x);
    }

    /** A fraction in [0, 1] as a percentage: whole from 10% up, one decimal below ({@code 2.3%}, {@code 0%}). */
    static String percent(double fraction) {
        double p = 100 * fraction;
        if (Math.abs(p) >= 10) {
            return Math.round(p) + "%";
        }
        return BigDecimal.valueOf(Math.round(p * 10) / 10.0).stripTrailingZeros().toPlainString() + "%";
    }

    /** A value for a run spec: three significant digits, plain where that stays short, else {@code 5e-05}. */
    static String specValue(double x) {
        double a = Math.abs(x);
        if (x == 0 || (a >= 1e-4 && a < 1e6)) {
            return BigDecimal.valueOf(x).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.2e", x);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("\\.?0+$", "");
        return mantissa + s.substring(e);
    }
}
