package org.gradflow.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.gradflow.api.run.RunInfo;
import org.gradflow.report.Charts.Bar;
import org.gradflow.report.Charts.Chart;
import org.gradflow.report.Charts.Group;
import org.gradflow.report.Charts.Series;
import org.gradflow.report.Charts.YAxis;
import org.gradflow.report.GradientFlow.LayerMean;
import org.gradflow.report.RunData.Epoch;
import org.gradflow.report.RunData.TimePoint;
import org.gradflow.report.RunData.VerdictRow;

/** The report of one run: verdict, curves, gradient flow, verdict history and spec. */
final class RunReport {
    /** The heatmap has at most this many columns; more recorded steps are averaged into them. */
    static final int MAX_COLUMNS = 200;

    private RunReport() {
    }

    static String html(RunInfo run, RunData d, Instant written) {
        Markup m = new Markup();
        m.open("h1").text("Run " + d.id()).element("span", d.state(), "class", "state", "id", "state").close("h1");
        if (!d.message().isEmpty()) {
            m.element("p", d.message(), "class", "message", "id", "message");
        }
        m.element("p", summary(run, d), "class", "summary").newline();
        Page.notes(m, d.notes());
        verdict(m, d);

        m.element("h2", "Training").open("div", "class", "grid").newline();
        for (Chart c : trainingCharts(d)) {
            Page.figure(m, c, false);
        }
        m.close("div").newline();

        GradientFlow flow = GradientFlow.of(d.gradients());
        m.element("h2", "Gradient flow").open("div", "class", "grid").newline();
        Page.figure(m, heatmap(flow), true);
        Page.figure(m, layerBars(d, flow), false);
        for (Chart c : timeCharts(d)) {
            Page.figure(m, c, false);
        }
        m.close("div").newline();

        verdictChanges(m, d);
        m.element("h2", "Spec");
        if (d.spec().isEmpty()) {
            m.element("p", "No spec recorded.");
        } else {
            StringBuilder spec = new StringBuilder();
            d.spec().forEach((k, v) -> spec.append(k).append('=').append(v).append('\n'));
            m.element("pre", spec.toString(), "class", "spec", "id", "spec");
        }
        m.element("footer", "Written " + written + " by org.gradflow.report from the files in " + run.directory()
                + ". Each chart's data is in the script element after it (JSON).");
        return Page.document("Run " + d.id() + " (" + d.state() + ")", m);
    }

    private static String summary(RunInfo run, RunData d) {
        List<String> parts = new ArrayList<>();
        if (run.epochs() > 0) {
            parts.add("epoch " + run.epoch() + " of " + run.epochs());
        }
        if (run.steps() > 0) {
            parts.add("step " + run.step() + " of " + run.steps());
        }
        Epoch last = d.lastTrainEpoch();
        if (last != null) {
            parts.add("train loss " + Charts.number(last.trainLoss()));
            parts.add("test loss " + Charts.number(last.testLoss()));
            if (!Double.isNaN(last.testAccuracy())) {
                parts.add("test accuracy " + Charts.number(last.testAccuracy()));
            }
            parts.add(Charts.number(last.msPerStep()) + " ms/step");
        }
        return String.join(" \u00b7 ", parts);
    }

    /** The latest verdict, large: the condition word, when, the evidence and the remedies. */
    static void verdict(Markup m, RunData d) {
        VerdictRow v = d.latestVerdict();
        if (v == null) {
            m.element("div", d.hasVerdictFile() ? "No verdict yet: verdicts.csv has no rows."
                    : "No verdict: this run has no verdicts.csv (no diagnosis recorded).", "class", "verdict",
                    "id", "verdict", "style", "--c:#999");
            return;
        }
        m.open("div", "class", "verdict", "id", "verdict", "data-condition", v.condition(), "style",
                "--c:" + Page.conditionColour(v.condition()));
        m.element("span", v.condition().isEmpty() ? "(no condition)" : v.condition(), "class", "word");
        m.element("span", "latest verdict, at step " + v.step() + (v.epoch() >= 0 ? ", epoch " + v.epoch() : ""),
                "class", "when");
        if (!v.evidence().isEmpty()) {
            m.element("p", v.evidence(), "class", "evidence");
        }
        if (!v.remedies().isEmpty()) {
            m.text("Try:").open("ul", "class", "remedies");
            for (String r : v.remedies()) {
                m.open("li").element("code", r).close("li");
            }
            m.close("ul");
        }
        m.close("div").newline();
    }

    private static List<Chart> trainingCharts(RunData d) {
        List<Chart> out = new ArrayList<>();
        List<Epoch> train = d.trainEpochs();
        out.add(Charts.line("loss", "Loss", "mean data loss per epoch (train without penalties)", "epoch", "loss",
                YAxis.AUTO, List.of(series("train", Charts.colour(0), false, train, Epoch::trainLoss),
                        series("test", Charts.colour(1), true, train, Epoch::testLoss)),
                Map.of()));
        boolean accuracy = train.stream().anyMatch(e -> !Double.isNaN(e.trainAccuracy()) || !Double.isNaN(e.testAccuracy()));
        if (accuracy) {
            out.add(Charts.line("accuracy", "Accuracy", "fraction of correct predictions per epoch", "epoch", "accuracy",
                    YAxis.UNIT, List.of(series("train", Charts.colour(0), false, train, Epoch::trainAccuracy),
                            series("test", Charts.colour(1), true, train, Epoch::testAccuracy)),
                    Map.of()));
        }
        Map<String, List<Epoch>> pretrain = new LinkedHashMap<>();
        for (Epoch e : d.epochs()) {
            if (e.phase().startsWith("pretrain-")) {
                pretrain.computeIfAbsent(e.phase().substring("pretrain-".length()), k -> new ArrayList<>()).add(e);
            }
        }
        if (!pretrain.isEmpty()) {
            List<Series> layers = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, List<Epoch>> e : pretrain.entrySet()) {
                Series s = series(e.getKey(), Charts.colour(i++), false, e.getValue(), Epoch::trainLoss);
                layers.add(new Series(s.name(), s.colour(), false, s.points(), Map.of("layer", e.getKey())));
            }
            out.add(Charts.line("pretrain-loss", "Pre-training", "reconstruction loss per epoch, one line per layer",
                    "epoch", "reconstruction loss", YAxis.AUTO, layers, Map.of()));
        }
        return out;
    }

    static Series series(String name, String colour, boolean dashed, List<Epoch> rows, ToDoubleFunction<Epoch> y) {
        List<double[]> pts = new ArrayList<>();
        for (Epoch e : rows) {
            pts.add(new double[] {e.epoch(), y.applyAsDouble(e)});
        }
        return new Series(name, colour, dashed, pts, Map.of());
    }

    private static Chart heatmap(GradientFlow flow) {
        GradientFlow.Heatmap map = flow.heatmap(MAX_COLUMNS);
        int recorded = flow.steps().length;
        String caption = "log10 of each layer's weight-gradient L2 (its weight matrices together) at each recorded step;"
                + " input layer at the top; " + recorded + " recorded steps"
                + (recorded > map.columns().size() ? ", averaged into " + map.columns().size() + " columns" : "");
        return Charts.heatmap("gradient-flow", "Gradient flow", caption, map);
    }

    private static Chart layerBars(RunData d, GradientFlow flow) {
        LastEpoch last = LastEpoch.of(d, flow);
        List<Bar> bars = new ArrayList<>();
        for (LayerMean mean : last.means()) {
            bars.add(new Bar(mean.layer(), mean.mean(), mean.nonFinite(), Charts.colour(0),
                    Map.of("samples", mean.samples())));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("fromStep", last.from());
        extra.put("toStep", last.to() == Long.MAX_VALUE ? null : last.to());
        extra.put("firstToLast", last.firstToLast());
        String ratio = Double.isNaN(last.firstToLast()) ? ""
                : "; first/last layer " + Charts.number(last.firstToLast());
        return Charts.bars("layer-gradients", "Weight gradient per layer",
                "mean L2 over " + last.window() + ratio, "mean weight-gradient L2", List.of(new Group("", bars)), extra);
    }

    /** Per recurrent layer: ||dL/dh_t|| against t at its first, middle and last recorded step. */
    private static List<Chart> timeCharts(RunData d) {
        Map<String, TreeMap<Long, List<double[]>>> byLayer = new LinkedHashMap<>();
        for (TimePoint p : d.times()) {
            byLayer.computeIfAbsent(p.layer(), k -> new TreeMap<>()).computeIfAbsent(p.step(), k -> new ArrayList<>())
                    .add(new double[] {p.t(), p.stateGradL2()});
        }
        String[] shades = {"#9ecae1", "#4292c6", "#08306b"};
        List<Chart> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, List<double[]>>> e : byLayer.entrySet()) {
            List<Long> steps = new ArrayList<>(e.getValue().keySet());
            List<Long> picked = new ArrayList<>();
            for (int i : new int[] {0, (steps.size() - 1) / 2, steps.size() - 1}) {
                if (!picked.contains(steps.get(i))) {
                    picked.add(steps.get(i));
                }
            }
            List<Series> series = new ArrayList<>();
            for (int i = 0; i < picked.size(); i++) {
                long step = picked.get(i);
                List<double[]> pts = new ArrayList<>(e.getValue().get(step));
                pts.sort((a, b) -> Double.compare(a[0], b[0]));
                series.add(new Series("step " + step, shades[picked.size() == 1 ? 2 : i * 2 / (picked.size() - 1)],
                        false, pts, Map.of("step", step)));
            }
            out.add(Charts.line("time-gradients-" + Page.slug(e.getKey()), "Gradient through time: " + e.getKey(),
                    "||dL/dh_t|| of layer " + e.getKey() + " against time step t, at its first, middle and last recorded"
                            + " step; small at early t means the gradient vanishes back through time",
                    "t", "||dL/dh_t||", YAxis.LOG, series, Map.of("layer", e.getKey())));
        }
        return out;
    }

    /** Every verdict whose condition differs from the one before it. */
    private static void verdictChanges(Markup m, RunData d) {
        if (d.verdicts().isEmpty()) {
            return;
        }
        m.element("h2", "Verdict changes");
        m.open("table", "id", "verdict-changes").open("thead").open("tr").element("th", "step").element("th", "epoch")
                .element("th", "condition").element("th", "evidence").element("th", "remedies").close("tr").close("thead")
                .open("tbody");
        String previous = null;
        for (VerdictRow v : d.verdicts()) {
            if (v.condition().equals(previous)) {
                continue;
            }
            previous = v.condition();
            m.open("tr", "data-condition", v.condition()).element("td", Long.toString(v.step()), "class", "num")
                    .element("td", v.epoch() < 0 ? "" : Integer.toString(v.epoch()), "class", "num")
                    .open("td").element("b", v.condition(), "style", "color:" + Page.conditionColour(v.condition()))
                    .close("td").element("td", v.evidence()).element("td", String.join(" | ", v.remedies())).close("tr");
        }
        m.close("tbody").close("table").newline();
    }
}
