package org.gradflow.report;

import java.util.List;

import org.gradflow.api.health.Condition;
import org.gradflow.report.Charts.Chart;

/**
 * The frame every report shares: the XHTML document with its inline style sheet, chart figures with their
 * data blocks, notes, and the verdict colours. No scripts run and nothing is fetched: the file can be
 * mailed or opened from disk.
 */
final class Page {
    private static final String CSS = String.join("",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#222;",
            "max-width:1100px;margin:0 auto;padding:14px 20px 40px;line-height:1.4;background:#fff}",
            "h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.15em;margin:1.5em 0 .5em;border-bottom:1px solid #ddd}",
            ".state{font-size:.6em;vertical-align:middle;padding:2px 8px;border-radius:10px;background:#eee;",
            "margin-left:8px;letter-spacing:.04em}",
            ".message{color:#444;margin:.2em 0 .6em}.summary{color:#555;font-size:.92em}",
            ".verdict{border-left:7px solid var(--c);background:#f6f7f8;padding:8px 16px;margin:14px 0}",
            ".verdict .word{font-size:1.7em;font-weight:700;color:var(--c);margin-right:12px}",
            ".verdict .when{color:#666;font-size:.9em}.verdict .evidence{margin:.3em 0}",
            ".verdict ul{margin:.2em 0;padding-left:1.4em}",
            ".notes{background:#fff8e1;border:1px solid #f0d58c;padding:6px 14px;margin:10px 0;font-size:.9em}",
            ".notes ul{margin:.2em 0;padding-left:1.2em}",
            ".grid{display:flex;flex-wrap:wrap;gap:12px}",
            "figure.chart{margin:0;border:1px solid #e2e2e2;border-radius:4px;padding:6px 8px;flex:1 1 480px;",
            "max-width:100%;box-sizing:border-box}figure.wide{flex-basis:100%}",
            "figcaption{font-size:.86em;color:#555;margin-bottom:4px}figcaption b{color:#222}",
            "svg.chart{display:block;max-width:100%;height:auto}",
            "table{border-collapse:collapse;font-size:.9em;margin:.4em 0}",
            "th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            "code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em}",
            "pre.spec{background:#f7f7f7;padding:8px 12px;column-width:330px;white-space:pre-wrap}",
            "footer{margin-top:2em;color:#888;font-size:.8em}");

    private Page() {
    }

    /** The whole document around {@code body}. */
    static String document(String title, Markup body) {
        Markup m = new Markup();
        m.raw("<!DOCTYPE html>\n");
        m.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en").newline();
        m.open("head").empty("meta", "charset", "utf-8")
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", title).element("style", CSS).close("head").newline();
        m.open("body").newline().raw(body).newline().close("body").newline().close("html").newline();
        return m.toString();
    }

    /** A chart in a figure: caption, {@code <svg data-chart>} and {@code <script id="data-<name>">}. */
    static void figure(Markup m, Chart chart, boolean wide) {
        m.open("figure", "class", wide ? "chart wide" : "chart", "id", "chart-" + chart.name());
        m.open("figcaption").element("b", chart.title());
        if (!chart.caption().isEmpty()) {
            m.text(" \u2014 " + chart.caption());
        }
        m.close("figcaption").newline();
        m.raw(chart.svg()).newline();
        m.open("script", "type", "application/json", "id", "data-" + chart.name()).raw(Json.write(chart.data()))
                .close("script").close("figure").newline();
    }

    /** What could not be read, if anything. */
    static void notes(Markup m, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        m.open("div", "class", "notes", "id", "notes").element("b", "Notes on the data")
                .open("ul");
        for (String n : notes) {
            m.element("li", n);
        }
        m.close("ul").close("div").newline();
    }

    /** A name usable in ids and {@code data-chart}: letters, digits, '-' and '_'; others become '_'. */
    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** The colour of a verdict's condition word ({@link Condition#word()}); grey for an unknown word. */
    static String conditionColour(String word) {
        for (Condition c : Condition.values()) {
            if (c.word().equalsIgnoreCase(word.strip())) {
                return switch (c) {
                    case DIVERGED -> "#a50026";
                    case EXPLODING -> "#d62728";
                    case VANISHING -> "#1f5fb4";
                    case SATURATED -> "#d9730d";
                    case DEAD_UNITS -> "#8c564b";
                    case HEALTHY -> "#2e8b3a";
                };
            }
        }
        return "#777777";
    }
}
