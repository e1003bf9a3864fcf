package org.gradflow.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gradflow.report.Charts.Bar;
import org.gradflow.report.Charts.Group;
import org.gradflow.report.Charts.Series;
import org.gradflow.report.Charts.YAxis;
import org.gradflow.report.GradientFlow.LayerMean;
import org.gradflow.report.RunData.Epoch;
import org.gradflow.report.RunData.VerdictRow;

/** Several runs side by side: one table row each (the first run is the base), overlaid curves, layer bars. */
final class ComparisonReport {
    private ComparisonReport() {
    }

    /** One run's row. {@code differs}: the spec keys whose value differs from the base run's, with this run's. */
    record Row(RunData data, LastEpoch last, Map<String, String> differs) {
        Epoch lastTrain() {
            return data.lastTrainEpoch();
        }

        double testLoss() {
            return lastTrain() == null ? Double.NaN : lastTrain().testLoss();
        }

        double testAccuracy() {
            return lastTrain() == null ? Double.NaN : lastTrain().testAccuracy();
        }

        double msPerStep() {
            return lastTrain() == null ? Double.NaN : lastTrain().msPerStep();
        }

        String verdict() {
            VerdictRow v = data.latestVerdict();
            return v == null ? "" : v.condition();
        }
    }

    static String html(String title, List<RunData> runs, Instant written) {
        List<Row> rows = rows(runs);
        Markup m = new Markup();
        m.element("h1", title);
        m.element("p", runs.size() + " runs; the first, " + (runs.isEmpty() ? "-" : runs.get(0).id())
                + ", is the base: each row lists the spec keys that differ from it.", "class", "summary");
        List<String> notes = new ArrayList<>();
        for (RunData d : runs) {
            d.notes().forEach(n -> notes.add(d.id() + ": " + n));
        }
        Page.notes(m, notes);
        table(m, rows);

        m.element("h2", "Curves and gradients").open("div", "class", "grid").newline();
        List<Series> loss = new ArrayList<>();
        List<Svg.Key> keys = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunData d = runs.get(i);
            String name = d.id() + (d.label().isEmpty() ? "" : " (" + d.label() + ")");
            keys.add(new Svg.Key(name, Charts.colour(i), false));
            for (boolean test : new boolean[] {false, true}) {
                Series s = RunReport.series(name + (test ? " test" : " train"), Charts.colour(i), test, d.trainEpochs(),
                        test ? Epoch::testLoss : Epoch::trainLoss);
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("run", d.id());
                meta.put("kind", test ? "test" : "train");
                loss.add(new Series(s.name(), s.colour(), s.dashed(), s.points(), meta));
            }
        }
        keys.add(new Svg.Key("train", "#555", false));
        keys.add(new Svg.Key("test", "#555", true));
        Page.figure(m, Charts.line("comparison-loss", "Loss", "solid: train, dashed: test; one colour per run", "epoch",
                "loss", YAxis.AUTO, loss, keys, 1040, Map.of()), true);
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Bar> bars = new ArrayList<>();
            for (LayerMean mean : rows.get(i).last().means()) {
                bars.add(new Bar(mean.layer(), mean.mean(), mean.nonFinite(), Charts.colour(i),
                        Map.of("samples", mean.samples())));
            }
            groups.add(new Group(rows.get(i).data().id(), bars));
        }
        Page.figure(m, Charts.bars("comparison-layer-gradients", "Weight gradient per layer",
                "mean L2 over each run's last epoch; layers input first, one group per run", "mean weight-gradient L2",
                groups, Map.of()), true);
        m.close("div").newline();
        m.element("footer", "Written " + written + " by org.gradflow.report. The table's data is in the script element"
                + " data-comparison-table, each chart's after the chart (JSON).");
        return Page.document(title, m);
    }

    static List<Row> rows(List<RunData> runs) {
        List<Row> rows = new ArrayList<>();
        Map<String, String> base = runs.isEmpty() ? Map.of() : runs.get(0).spec();
        for (RunData d : runs) {
            TreeSet<String> keys = new TreeSet<>(base.keySet());
            keys.addAll(d.spec().keySet());
            keys.remove("label");
            Map<String, String> differs = new TreeMap<>();
            for (String k : keys) {
                if (!Objects.equals(base.get(k), d.spec().get(k))) {
                    differs.put(k, d.spec().getOrDefault(k, "(unset)"));
                }
            }
            rows.add(new Row(d, LastEpoch.of(d, GradientFlow.of(d.gradients())), differs));
        }
        return rows;
    }

    private static void table(Markup m, List<Row> rows) {
        // The base row shows its own values of every key another run changed, so both sides are visible.
        TreeSet<String> changed = new TreeSet<>();
        rows.forEach(r -> changed.addAll(r.differs().keySet()));
        boolean regression = rows.stream().anyMatch(r -> r.lastTrain() != null && Double.isNaN(r.testAccuracy()));

        m.open("table", "id", "comparison").open("thead").open("tr");
        for (String h : new String[] {"run", "label", "spec keys that differ from the base", "final test loss",
                regression ? "test accuracy (regression: test loss)" : "test accuracy", "first/last layer gradient",
                "verdict", "ms/step"}) {
            m.element("th", h);
        }
        m.close("tr").close("thead").open("tbody").newline();
        List<Object> data = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Map<String, String> shown = new TreeMap<>();
            if (i == 0) {
                changed.forEach(k -> shown.put(k, r.data().spec().getOrDefault(k, "(unset)")));
            } else {
                shown.putAll(r.differs());
            }
            String list = String.join(", ", shown.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            String keys = i == 0 ? (list.isEmpty() ? "base" : "base: " + list) : list.isEmpty() ? "(same spec)" : list;
            boolean noAccuracy = r.lastTrain() != null && Double.isNaN(r.testAccuracy());
            m.open("tr", "data-run", r.data().id()).element("td", r.data().id()).element("td", r.data().label())
                    .open("td").element("code", keys).close("td")
                    .element("td", Charts.number(r.testLoss()), "class", "num")
                    .element("td", noAccuracy ? Charts.number(r.testLoss()) + " (test loss)"
                            : Charts.number(r.testAccuracy()), "class", "num")
                    .element("td", Charts.number(r.last().firstToLast()), "class", "num")
                    .open("td").element("b", r.verdict().isEmpty() ? "-" : r.verdict(), "style",
                            "color:" + Page.conditionColour(r.verdict())).close("td")
                    .element("td", Charts.number(r.msPerStep()), "class", "num").close("tr").newline();

            Map<String, Object> d = new LinkedHashMap<>();
            d.put("run", r.data().id());
            d.put("label", r.data().label());
            d.put("base", i == 0);
            d.put("differs", r.differs());
            d.put("testLoss", r.testLoss());
            d.put("testAccuracy", r.testAccuracy());
            d.put("firstToLast", r.last().firstToLast());
            d.put("verdict", r.verdict());
            d.put("msPerStep", r.msPerStep());
            data.add(d);
        }
        m.close("tbody").close("table").newline();
        m.open("script", "type", "application/json", "id", "data-comparison-table").raw(Json.write(Map.of("rows", data)))
                .close("script").newline();
    }
}
