package org.gradflow.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gradflow.report.GradientFlow.Cell;
import org.gradflow.report.GradientFlow.Heatmap;
import org.gradflow.report.GradientFlow.Kind;

/**
 * The three kinds of chart a report draws (line, bar, heatmap), each returned as its SVG and the data it
 * shows, built from the same values so the two cannot disagree. The data's shape is documented on
 * {@link HtmlReportWriter}.
 */
final class Charts {
    /** Tableau 10: distinct on screen and in grey print. */
    static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");
    static final String NON_FINITE = "#e8112d";
    static final String ZERO = "#c8c8c8";
    static final String MISSING = "#ffffff";

    /** Viridis at nine stops: dark (small gradients) to yellow (large), readable without red-green vision. */
    private static final int[] VIRIDIS = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
            0xaddc30, 0xfde725};

    private Charts() {
    }

    static String colour(int i) {
        return PALETTE.get(Math.floorMod(i, PALETTE.size()));
    }

    /** How a line chart's y axis is scaled. */
    enum YAxis {
        LINEAR, LOG, UNIT,
        /** LOG when every drawable value is positive and they span more than two decades, else LINEAR. */
        AUTO
    }

    /**
     * One line of a line chart: its points as {x, y} pairs in data units (y may be NaN or infinite: kept in
     * the data as null, not drawn), and extra keys for its data block (run, layer, step, ...).
     */
    record Series(String name, String colour, boolean dashed, List<double[]> points, Map<String, Object> meta) {
    }

    /** One bar: NaN {@code value} with {@code nonFinite} for a NaN/infinite mean. */
    record Bar(String name, double value, boolean nonFinite, String colour, Map<String, Object> meta) {
    }

    /** Bars drawn side by side under a common label (a run); a single unnamed group for one run. */
    record Group(String name, List<Bar> bars) {
    }

    /** A chart: its name (the {@code data-chart} attribute), headings, SVG markup and data. */
    record Chart(String name, String title, String caption, String svg, Map<String, Object> data) {
    }

    static Chart line(String name, String title, String caption, String xLabel, String yLabel, YAxis mode,
            List<Series> series, Map<String, Object> extra) {
        List<Svg.Key> keys = series.stream().map(s -> new Svg.Key(s.name(), s.colour(), s.dashed())).toList();
        return line(name, title, caption, xLabel, yLabel, mode, series, keys, 520, extra);
    }

    /**
     * A line chart {@code w} pixels wide with its own legend entries (say, one per run plus "train" and
     * "test" line styles).
     */
    static Chart line(String name, String title, String caption, String xLabel, String yLabel, YAxis mode,
            List<Series> series, List<Svg.Key> keys, int w, Map<String, Object> extra) {
        final int h = w > 600 ? 360 : 300;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double minPos = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                    minX = Math.min(minX, p[0]);
                    maxX = Math.max(maxX, p[0]);
                    minY = Math.min(minY, p[1]);
                    maxY = Math.max(maxY, p[1]);
                    if (p[1] > 0) {
                        minPos = Math.min(minPos, p[1]);
                    }
                }
            }
        }
        boolean log = mode == YAxis.LOG || mode == YAxis.AUTO && minY > 0 && maxY / minY > 100;

        Map<String, Object> data = header(name, title);
        data.put("x", xLabel);
        data.put("y", yLabel);
        data.put("yScale", log ? "log" : "linear");
        data.putAll(extra);
        List<Object> seriesData = new ArrayList<>();
        for (Series s : series) {
            Map<String, Object> sd = new LinkedHashMap<>();
            sd.put("name", s.name());
            sd.putAll(s.meta());
            List<Object> pts = new ArrayList<>();
            for (double[] p : s.points()) {
                pts.add(List.of(p[0], p[1]));
            }
            sd.put("points", pts);
            seriesData.add(sd);
        }
        data.put("series", seriesData);

        Svg svg = new Svg(name, w, h, title);
        boolean drawable = log ? minPos < Double.POSITIVE_INFINITY : minY <= maxY;
        if (!drawable) {
            svg.noData("no data");
            return new Chart(name, title, caption, svg.end(), data);
        }
        double left = 64;
        double right = w - 14;
        double top = 10 + Svg.legendHeight(right - left, keys);
        double bottom = h - 42;
        Scale x = Scale.linear(minX, maxX, true, left + 8, right - 8);
        Scale y = log ? Scale.log(minPos, maxY, bottom, top)
                : mode == YAxis.UNIT ? Scale.linear(Math.min(0, minY), Math.max(1, maxY), false, bottom, top)
                : Scale.linear(minY - 0.05 * (maxY - minY), maxY + 0.05 * (maxY - minY), false, bottom, top);
        svg.xAxis(x, top, bottom, xLabel);
        svg.yAxis(y, left, right, yLabel);
        svg.frame(left, top, right - left, bottom - top);
        // Lines break at points that cannot be drawn; markers (with tooltips) unless there are many points,
        // and always for a point with no drawable neighbour.
        boolean markers = series.stream().mapToInt(s -> s.points().size()).sum() <= 120;
        for (Series s : series) {
            List<double[]> points = s.points();
            List<double[]> segment = new ArrayList<>();
            for (int i = 0; i <= points.size(); i++) {
                double[] p = i < points.size() ? points.get(i) : null;
                if (p != null && Double.isFinite(p[0]) && y.shows(p[1])) {
                    segment.add(new double[] {x.px(p[0]), y.px(p[1])});
                    if (markers) {
                        svg.circle(x.px(p[0]), y.px(p[1]), 2.5, s.colour(), s.dashed(),
                                s.name() + ", " + xLabel + " " + Scale.label(p[0]) + ": " + number(p[1]));
                    }
                    continue;
                }
                if (segment.size() == 1 && !markers) {
                    svg.circle(segment.get(0)[0], segment.get(0)[1], 2.5, s.colour(), s.dashed(), s.name());
                }
                svg.polyline(segment, s.colour(), s.dashed());
                segment.clear();
            }
        }
        svg.legend(left, 22, right - left, keys);
        return new Chart(name, title, caption, svg.end(), data);
    }

    /** Bars on a log axis, grouped; zero and non-finite bars are marked at the baseline. */
    static Chart bars(String name, String title, String caption, String yLabel, List<Group> groups,
            Map<String, Object> extra) {
        int count = groups.stream().mapToInt(g -> g.bars().size()).sum();
        boolean named = groups.size() > 1 || groups.stream().anyMatch(g -> !g.name().isEmpty());
        int longest = groups.stream().flatMap(g -> g.bars().stream()).mapToInt(b -> b.name().length()).max().orElse(0);
        final int w = count + groups.size() > 24 ? 1040 : 520;
        double left = 64;
        double right = w - 14;
        double gap = groups.size() > 1 ? 14 : 0;
        double slot = Math.min(44, (right - left - 8 - gap * (groups.size() - 1)) / Math.max(1, count));
        int labelEvery = (int) Math.ceil(12 / slot); // a label every 12 px at least: thin bars get every k-th
        double labelsHeight = 8 + Math.min(longest, 18) * Svg.CHAR_WIDTH * 0.8;
        final int h = (int) Math.ceil(250 + labelsHeight + (named ? 32 : 0));

        double minPos = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Map<String, Object> data = header(name, title);
        data.put("y", yLabel);
        data.put("yScale", "log");
        data.putAll(extra);
        List<Object> groupData = new ArrayList<>();
        for (Group g : groups) {
            List<Object> barData = new ArrayList<>();
            for (Bar b : g.bars()) {
                Map<String, Object> bd = new LinkedHashMap<>();
                bd.put("name", b.name());
                bd.put("value", b.value());
                bd.put("nonFinite", b.nonFinite());
                bd.putAll(b.meta());
                barData.add(bd);
                if (Double.isFinite(b.value()) && b.value() > 0) {
                    minPos = Math.min(minPos, b.value());
                    max = Math.max(max, b.value());
                }
            }
            Map<String, Object> gd = new LinkedHashMap<>();
            gd.put("name", g.name());
            gd.put("bars", barData);
            groupData.add(gd);
        }
        data.put("groups", groupData);

        Svg svg = new Svg(name, w, h, title);
        if (count == 0) {
            svg.noData("no data");
            return new Chart(name, title, caption, svg.end(), data);
        }
        double top = 12;
        double bottom = 230;
        Scale y = minPos <= max ? Scale.log(minPos, max, bottom, top) : Scale.log(1, 10, bottom, top);
        svg.yAxis(y, left, right, yLabel);
        svg.frame(left, top, right - left, bottom - top);
        double used = count * slot + gap * (groups.size() - 1);
        double x = left + 4 + Math.max(0, (right - left - 8 - used) / 2);
        boolean stagger = false;
        for (Group g : groups) {
            double groupStart = x;
            int index = 0;
            for (Bar b : g.bars()) {
                String tip = (g.name().isEmpty() ? "" : g.name() + ", ") + b.name() + ": ";
                if (b.nonFinite()) {
                    svg.rect(x + 1, top, slot - 2, bottom - top, "#fbd5da", tip + "NaN or infinite");
                    svg.text(x + slot / 2, top + 12, "!", "middle", 0, NON_FINITE);
                } else if (Double.isFinite(b.value()) && b.value() > 0) {
                    double py = y.px(b.value());
                    svg.rect(x + Math.min(1, slot * 0.1), py, slot - 2 * Math.min(1, slot * 0.1), bottom - py,
                            b.colour(), tip + number(b.value()));
                } else {
                    svg.text(x + slot / 2, bottom - 3, b.value() == 0 ? "0" : "-", "middle", 0, "#666");
                }
                if (index++ % labelEvery == 0) {
                    svg.text(x + slot / 2 + 3, bottom + 10, b.name(), "end", -60, null);
                }
                x += slot;
            }
            if (named) {
                // A name wider than its group alternates between two lines, so neighbours do not overlap.
                boolean wide = g.name().length() * Svg.CHAR_WIDTH > x - groupStart + gap;
                stagger = wide && !stagger;
                svg.text((groupStart + x) / 2, h - (stagger ? 6 : 20), g.name(), "middle", 0, null);
            }
            x += gap;
        }
        return new Chart(name, title, caption, svg.end(), data);
    }

    /**
     * Layers down (input at the top), step columns across, colour = log10 of the value, with a legend in
     * decades and swatches for zero, non-finite and missing cells.
     */
    static Chart heatmap(String name, String title, String caption, Heatmap map) {
        List<String> layers = map.layers();
        int cols = map.columns().size();
        double minV = Double.POSITIVE_INFINITY;
        double maxV = Double.NEGATIVE_INFINITY;
        List<Object> rows = new ArrayList<>();
        for (Cell[] row : map.log10()) {
            List<Object> r = new ArrayList<>();
            for (Cell c : row) {
                r.add(switch (c.kind()) {
                    case VALUE -> c.value();
                    case ZERO -> "zero";
                    case NON_FINITE -> "non-finite";
                    case MISSING -> null;
                });
                if (c.kind() == Kind.VALUE) {
                    minV = Math.min(minV, c.value());
                    maxV = Math.max(maxV, c.value());
                }
            }
            rows.add(r);
        }
        Map<String, Object> data = header(name, title);
        data.put("value", "log10(weight-gradient L2)");
        data.put("rows", layers);
        data.put("columns", map.columns().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", c.from());
            m.put("to", c.to());
            return m;
        }).toList());
        data.put("cells", rows);

        final int w = 1040;
        int longest = layers.stream().mapToInt(String::length).max().orElse(0);
        double left = Math.min(150, 14 + longest * Svg.CHAR_WIDTH);
        double right = w - 80;
        double rowH = layers.isEmpty() ? 0 : Math.max(4, Math.min(36, 400.0 / layers.size()));
        double top = 10;
        double bottom = top + Math.max(rowH * layers.size(), 90);
        rowH = layers.isEmpty() ? 0 : (bottom - top) / layers.size();
        final int h = (int) Math.ceil(bottom + 44);
        Svg svg = new Svg(name, w, h, title);
        if (layers.isEmpty() || cols == 0) {
            svg.noData("no data");
            return new Chart(name, title, caption, svg.end(), data);
        }
        double lo = minV <= maxV ? Math.floor(minV) : -1;
        double hi = minV <= maxV ? Math.ceil(maxV) : 0;
        if (hi <= lo) {
            hi = lo + 1;
        }
        double colW = (right - left) / cols;
        int labelEvery = (int) Math.ceil(11 / rowH);
        for (int l = 0; l < layers.size(); l += labelEvery) {
            svg.text(left - 5, top + l * rowH + rowH / 2 + 4, layers.get(l), "end");
        }
        svg.group("shape-rendering", "crispEdges");
        for (int l = 0; l < layers.size(); l++) {
            double y = top + l * rowH;
            for (int c = 0; c < cols; c++) {
                Cell cell = map.log10()[l][c];
                GradientFlow.Column col = map.columns().get(c);
                String steps = col.from() == col.to() ? "step " + col.from() : "steps " + col.from() + "-" + col.to();
                String tip = layers.get(l) + ", " + steps + ": " + switch (cell.kind()) {
                    case VALUE -> number(Math.pow(10, cell.value())) + (col.from() == col.to() ? "" : " (geometric mean)");
                    case ZERO -> "0";
                    case NON_FINITE -> "NaN or infinite";
                    case MISSING -> "not recorded";
                };
                String fill = switch (cell.kind()) {
                    case VALUE -> viridis((cell.value() - lo) / (hi - lo));
                    case ZERO -> ZERO;
                    case NON_FINITE -> NON_FINITE;
                    case MISSING -> MISSING;
                };
                svg.rect(left + c * colW, y, colW + 0.4, rowH + 0.4, fill, tip); // overlap: no seams
            }
        }
        svg.endGroup();
        svg.frame(left, top, right - left, bottom - top);
        int tickEvery = Math.max(1, (int) Math.ceil(cols / 8.0));
        for (int c = 0; c < cols; c += tickEvery) {
            double x = left + (c + 0.5) * colW;
            svg.line(x, bottom, x, bottom + 4, Svg.AXIS);
            svg.text(x, bottom + 15, Long.toString(map.columns().get(c).from()), "middle");
        }
        svg.text((left + right) / 2, bottom + 32, "step", "middle");
        legend(svg, right + 14, top, bottom - top, lo, hi);
        double sx = right - 230;
        for (String[] sw : new String[][] {{ZERO, "zero"}, {NON_FINITE, "NaN/inf"}, {MISSING, "not recorded"}}) {
            svg.rect(sx, bottom + 23, 14, 10, sw[0], null);
            svg.frame(sx, bottom + 23, 14, 10);
            svg.text(sx + 18, bottom + 32, sw[1], "start");
            sx += 24 + sw[1].length() * Svg.CHAR_WIDTH;
        }
        return new Chart(name, title, caption, svg.end(), data);
    }

    /** The colour bar, {@code height} tall, with a tick at every decade (every few when there are many). */
    private static void legend(Svg svg, double x, double top, double height, double lo, double hi) {
        int slices = 48;
        svg.group("shape-rendering", "crispEdges");
        for (int i = 0; i < slices; i++) {
            double frac = (i + 0.5) / slices;
            double y0 = top + height * (1 - (i + 1.0) / slices);
            svg.rect(x, y0, 14, height / slices + 0.5, viridis(frac), null);
        }
        svg.endGroup();
        svg.frame(x, top, 14, height);
        int decades = (int) (hi - lo);
        int every = Math.max(1, (int) Math.ceil(decades / Math.max(1.0, height / 24)));
        for (int e = (int) lo; e <= hi; e += every) {
            double y = top + height * (1 - (e - lo) / (hi - lo));
            svg.line(x + 14, y, x + 18, y, Svg.AXIS);
            svg.decade(x + 20, y + 4, e, "start");
        }
    }

    /** The viridis colour at {@code frac} in [0, 1], interpolated between its stops. */
    static String viridis(double frac) {
        double f = Math.max(0, Math.min(1, frac)) * (VIRIDIS.length - 1);
        int i = Math.min((int) f, VIRIDIS.length - 2);
        double t = f - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t);
        int bl = (int) Math.round((a & 255) * (1 - t) + (b & 255) * t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
    }

    /** A number for people: 4 significant digits, scientific when very small or large. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    private static Map<String, Object> header(String name, String title) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chart", name);
        data.put("title", title);
        return data;
    }
}
