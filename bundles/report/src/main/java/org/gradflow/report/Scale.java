package org.gradflow.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps data values to pixels along one axis, linear or log10, and picks the ticks: round steps
 * (1, 2 or 5 times a power of ten) on a linear axis, whole decades on a log axis.
 */
final class Scale {
    private final boolean log;
    private final boolean integer;
    private final double lo;
    private final double hi; // for a log axis: exponents
    private final double px0;
    private final double px1;

    private Scale(boolean log, boolean integer, double lo, double hi, double px0, double px1) {
        this.log = log;
        this.integer = integer;
        this.lo = lo;
        this.hi = hi;
        this.px0 = px0;
        this.px1 = px1;
    }

    /**
     * A linear axis over {@code [min, max]} (finite); {@code integer} keeps ticks on whole numbers
     * (epochs, time steps). A single value gets some room around it.
     */
    static Scale linear(double min, double max, boolean integer, double px0, double px1) {
        if (!(min < max)) {
            double pad = integer ? 1 : min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        return new Scale(false, integer, min, max, px0, px1);
    }

    /** A log10 axis from the decade at or below {@code min} to the one at or above {@code max} (both > 0). */
    static Scale log(double min, double max, double px0, double px1) {
        double a = Math.floor(Math.log10(min));
        double b = Math.ceil(Math.log10(max));
        if (b <= a) {
            b = a + 1;
        }
        return new Scale(true, false, a, b, px0, px1);
    }

    boolean isLog() {
        return log;
    }

    /** Whether the value can be drawn: finite, and positive on a log axis. */
    boolean shows(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    double px(double v) {
        double u = log ? Math.log10(v) : v;
        return px0 + (u - lo) / (hi - lo) * (px1 - px0);
    }

    /** Pixel of the low end of the axis (the baseline of bars). */
    double start() {
        return px0;
    }

    /** Tick values in data units. */
    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        if (log) {
            int decades = (int) (hi - lo);
            int every = Math.max(1, (int) Math.ceil(decades / 8.0));
            for (double e = lo; e <= hi + 1e-9; e += every) {
                out.add(Math.pow(10, e));
            }
            return out;
        }
        double step = niceStep((hi - lo) / 5);
        if (integer) {
            step = Math.max(1, Math.round(step));
        }
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    /** The exponent of a log tick ({@code 1e-3} gives -3). */
    static int exponent(double tick) {
        return (int) Math.round(Math.log10(tick));
    }

    /** A tick label for a linear axis. */
    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e6 ? String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "")
                : String.format(Locale.ROOT, "%.2g", v);
    }

    private static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }
}
