package org.gradflow.report;

import java.util.List;

/**
 * SVG drawing primitives for the charts: shapes, text, axes with ticks and grid lines, legends. Coordinates
 * are pixels in the chart's view box, written with one decimal. Text is escaped by {@link Markup}.
 */
final class Svg {
    static final String NS = "http://www.w3.org/2000/svg";
    static final String AXIS = "#444";
    static final String GRID = "#e3e3e3";
    static final double CHAR_WIDTH = 6.2; // of 11px sans-serif, to lay out labels and legends

    private final Markup m = new Markup();
    final int width;
    final int height;

    /** Opens {@code <svg data-chart="name" ...>} with a view box, scaling down to fit narrow screens. */
    Svg(String chart, int width, int height, String description) {
        this.width = width;
        this.height = height;
        m.open("svg", "xmlns", NS, "data-chart", chart, "viewBox", "0 0 " + width + " " + height,
                "width", Integer.toString(width), "height", Integer.toString(height), "role", "img",
                "aria-label", description, "class", "chart", "font-family", "sans-serif", "font-size", "11");
        m.element("title", description);
    }

    /** {@code v} with one decimal ({@code String.format} is too slow for thousands of heatmap cells). */
    static String f(double v) {
        long tenths = Math.round(v * 10);
        long whole = tenths / 10;
        return (tenths < 0 && whole == 0 ? "-" : "") + whole + "." + Math.abs(tenths % 10);
    }

    /** Opens a group whose attributes its children inherit. */
    void group(String... attributes) {
        m.open("g", attributes);
    }

    void endGroup() {
        m.close("g");
    }

    void line(double x1, double y1, double x2, double y2, String stroke) {
        m.empty("line", "x1", f(x1), "y1", f(y1), "x2", f(x2), "y2", f(y2), "stroke", stroke);
    }

    /** A filled rectangle; with a {@code title}, a tooltip. */
    void rect(double x, double y, double w, double h, String fill, String title) {
        String[] a = {"x", f(x), "y", f(y), "width", f(Math.max(w, 0)), "height", f(Math.max(h, 0)), "fill", fill};
        if (title == null) {
            m.empty("rect", a);
        } else {
            m.open("rect", a).element("title", title).close("rect");
        }
    }

    void frame(double x, double y, double w, double h) {
        m.empty("rect", "x", f(x), "y", f(y), "width", f(w), "height", f(h), "fill", "none", "stroke", AXIS);
    }

    /** A point marker with a tooltip; hollow (white inside) for dashed series, so single points tell apart too. */
    void circle(double x, double y, double r, String colour, boolean hollow, String title) {
        m.open("circle", "cx", f(x), "cy", f(y), "r", f(r), "fill", hollow ? "#fff" : colour, "stroke", colour,
                "stroke-width", "1.2").element("title", title).close("circle");
    }

    /** A line through the points (pixel pairs); dashed for the second series of a pair (train vs test). */
    void polyline(List<double[]> pixels, String stroke, boolean dashed) {
        if (pixels.size() < 2) {
            return;
        }
        StringBuilder pts = new StringBuilder();
        for (double[] p : pixels) {
            pts.append(pts.length() == 0 ? "" : " ").append(f(p[0])).append(',').append(f(p[1]));
        }
        m.empty("polyline", "points", pts.toString(), "fill", "none", "stroke", stroke, "stroke-width", "1.8",
                "stroke-dasharray", dashed ? "5,3" : null);
    }

    /** Text; {@code anchor} is start, middle or end; {@code rotate} degrees about its anchor point. */
    void text(double x, double y, String text, String anchor, double rotate, String fill) {
        m.element("text", text, "x", f(x), "y", f(y), "text-anchor", anchor, "fill", fill,
                "transform", rotate == 0 ? null : "rotate(" + f(rotate) + " " + f(x) + " " + f(y) + ")");
    }

    void text(double x, double y, String text, String anchor) {
        text(x, y, text, anchor, 0, null);
    }

    /** {@code 10} with the exponent raised: a decade tick label. */
    void decade(double x, double y, int exponent, String anchor) {
        m.open("text", "x", f(x), "y", f(y), "text-anchor", anchor).text("10")
                .element("tspan", Integer.toString(exponent), "dy", "-5", "font-size", "8").close("text");
    }

    /** "no data" (or another reason) in the middle of an empty chart. */
    void noData(String why) {
        frame(0.5, 0.5, width - 1, height - 1);
        m.element("text", why, "x", f(width / 2.0), "y", f(height / 2.0), "text-anchor", "middle", "fill", "#888",
                "font-size", "14", "class", "no-data");
    }

    /** The x axis below a plot area, ticks and vertical grid lines. */
    void xAxis(Scale x, double top, double bottom, String label) {
        for (double t : x.ticks()) {
            double px = x.px(t);
            line(px, top, px, bottom, GRID);
            line(px, bottom, px, bottom + 4, AXIS);
            if (x.isLog()) {
                decade(px, bottom + 16, Scale.exponent(t), "middle");
            } else {
                text(px, bottom + 15, Scale.label(t), "middle");
            }
        }
        text((x.px(x.ticks().get(0)) + x.px(x.ticks().get(x.ticks().size() - 1))) / 2, bottom + 32, label, "middle");
    }

    /** The y axis left of a plot area, ticks and horizontal grid lines. */
    void yAxis(Scale y, double left, double right, String label) {
        for (double t : y.ticks()) {
            double py = y.px(t);
            line(left, py, right, py, GRID);
            line(left - 4, py, left, py, AXIS);
            if (y.isLog()) {
                decade(left - 6, py + 4, Scale.exponent(t), "end");
            } else {
                text(left - 6, py + 4, Scale.label(t), "end");
            }
        }
        double mid = (y.px(y.ticks().get(0)) + y.px(y.ticks().get(y.ticks().size() - 1))) / 2;
        text(14, mid, label, "middle", -90, null);
    }

    /** A legend entry: a line sample (solid or dashed) and its name. */
    record Key(String name, String colour, boolean dashed) {
    }

    /** Legend entries in rows from {@code (x, y)} within {@code maxWidth}; returns the height used. */
    double legend(double x, double y, double maxWidth, List<Key> keys) {
        double cx = x;
        double cy = y;
        for (Key k : keys) {
            double w = 26 + k.name().length() * CHAR_WIDTH + 14;
            if (cx > x && cx + w > x + maxWidth) {
                cx = x;
                cy += 16;
            }
            m.empty("line", "x1", f(cx), "y1", f(cy - 4), "x2", f(cx + 20), "y2", f(cy - 4), "stroke", k.colour(),
                    "stroke-width", "2.5", "stroke-dasharray", k.dashed() ? "5,3" : null);
            m.empty("circle", "cx", f(cx + 10), "cy", f(cy - 4), "r", "2.5", "fill", k.dashed() ? "#fff" : k.colour(),
                    "stroke", k.colour(), "stroke-width", "1.2");
            text(cx + 25, cy, k.name(), "start");
            cx += w;
        }
        return cy - y + 16;
    }

    /** How tall {@link #legend} will be, to lay out the plot below it. */
    static double legendHeight(double maxWidth, List<Key> keys) {
        double cx = 0;
        double rows = keys.isEmpty() ? 0 : 1;
        for (Key k : keys) {
            double w = 26 + k.name().length() * CHAR_WIDTH + 14;
            if (cx > 0 && cx + w > maxWidth) {
                cx = 0;
                rows++;
            }
            cx += w;
        }
        return rows * 16;
    }

    /** Closes the svg element and returns the markup. */
    String end() {
        m.close("svg");
        return m.toString();
    }
}
