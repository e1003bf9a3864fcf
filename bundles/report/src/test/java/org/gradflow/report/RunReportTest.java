package org.gradflow.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.gradflow.api.run.RunInfo;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Element;

/** Run reports of realistic small run folders, read back through an XML parser and the embedded data. */
public class RunReportTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final HtmlReportWriter writer = new HtmlReportWriter();

    private ReportDoc report(RunInfo run) throws Exception {
        Path html = writer.writeRunReport(run);
        assertEquals(Path.of(run.directory()).resolve("report.html"), html);
        try (Stream<Path> files = Files.list(Path.of(run.directory()))) {
            assertEquals("no temporary file left", List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
        return ReportDoc.parse(html);
    }

    /** The CSV file's column values of the rows that pass the filter (a plain split: the fixtures have no quotes). */
    private static List<String[]> rows(Path file) throws Exception {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String l : lines.subList(1, lines.size())) {
            out.add(l.split(","));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** The points of a line chart's series with this name, as [x, y] (y null for NaN). */
    private static List<Object> points(Map<String, Object> chart, String series) {
        for (Object s : list(chart.get("series"))) {
            if (map(s).get("name").equals(series)) {
                return list(map(s).get("points"));
            }
        }
        throw new AssertionError("no series " + series + " in " + chart);
    }

    private static Double y(Object point) {
        return (Double) list(point).get(1);
    }

    private static double x(Object point) {
        return (Double) list(point).get(0);
    }

    @Test
    public void mlpRunHasTitleStateVerdictAndSpec() throws Exception {
        ReportDoc doc = report(Runs.mlp(tmp.newFolder("run-0001").toPath()));
        assertTrue(doc.all("//*[local-name()='title']").get(0).getTextContent().contains("run-0001"));
        assertTrue(doc.all("//*[local-name()='h1']").get(0).getTextContent().contains("Run run-0001"));
        assertEquals("COMPLETED", doc.text("state"));
        assertEquals("test accuracy 0.7985, test loss 0.5581", doc.text("message"));
        assertNull("nothing to note", doc.byId("notes"));

        Element verdict = doc.byId("verdict");
        assertEquals("the last row is the latest", "vanishing", verdict.getAttribute("data-condition"));
        String text = verdict.getTextContent();
        assertTrue(text, text.contains("step 8, epoch 2"));
        assertTrue("CSV quotes undone, markup characters kept as text: " + text,
                text.contains("fc1 gets 1.0e-02 of fc3's gradient, a \"quoted\" word & <b>markup</b>"));
        List<String> remedies = doc.all("//*[@id='verdict']//*[local-name()='li']").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("activation=relu initializer=he-normal", "normalization=batch-norm"), remedies);

        List<Element> changes = doc.all("//*[@id='verdict-changes']/*[local-name()='tbody']/*[local-name()='tr']");
        assertEquals("healthy at 2, vanishing at 6: repeats are not changes", 2, changes.size());
        assertEquals("healthy", changes.get(0).getAttribute("data-condition"));
        assertTrue(changes.get(0).getTextContent().startsWith("21healthy"));
        assertEquals("vanishing", changes.get(1).getAttribute("data-condition"));
        assertTrue(changes.get(1).getTextContent().startsWith("62vanishing"));

        String spec = doc.text("spec");
        assertTrue(spec, spec.contains("activation=sigmoid\n"));
        assertTrue(spec, spec.contains("label=sigmoid baseline\n"));
        assertFalse("comments are not spec", spec.contains("#"));
    }

    @Test
    public void mlpLossAndAccuracyEqualMetricsCsv() throws Exception {
        Path dir = tmp.newFolder("run-0001").toPath();
        ReportDoc doc = report(Runs.mlp(dir));
        assertEquals(List.of("loss", "accuracy", "gradient-flow", "layer-gradients"), doc.charts());

        Map<String, Object> loss = doc.chart("loss");
        Map<String, Object> accuracy = doc.chart("accuracy");
        assertEquals("linear", loss.get("yScale"));
        List<String[]> csv = rows(dir.resolve("metrics.csv"));
        String[][] columns = {{"train", "2"}, {"test", "4"}};
        for (String[] c : columns) {
            List<Object> pts = points(loss, c[0]);
            assertEquals(csv.size(), pts.size());
            for (int i = 0; i < csv.size(); i++) {
                assertEquals(Double.parseDouble(csv.get(i)[1]), x(pts.get(i)), 0);
                assertEquals(Double.parseDouble(csv.get(i)[Integer.parseInt(c[1])]), y(pts.get(i)), 0);
            }
            List<Object> acc = points(accuracy, c[0]);
            for (int i = 0; i < csv.size(); i++) {
                assertEquals(Double.parseDouble(csv.get(i)[Integer.parseInt(c[1]) + 1]), y(acc.get(i)), 0);
            }
        }
        assertEquals(0.929095, y(points(loss, "train").get(0)), 0);
        assertEquals(0.7985, y(points(accuracy, "test").get(1)), 0);
    }

    @Test
    public void heatmapCellsAreLog10OfTheWeightGradients() throws Exception {
        Path dir = tmp.newFolder("run-0001").toPath();
        ReportDoc doc = report(Runs.mlp(dir));
        Map<String, Object> heat = doc.chart("gradient-flow");
        assertEquals("input at the top", List.of("fc1", "fc2", "fc3"), heat.get("rows"));
        List<Object> columns = list(heat.get("columns"));
        assertEquals("8 recorded steps, one column each", 8, columns.size());
        List<Object> cells = list(heat.get("cells"));

        // fc1 at step 3: the weight's grad_l2 is 3e-4, written 3.000000e-04.
        assertEquals(3.0, map(columns.get(2)).get("from"));
        assertEquals(Math.log10(Double.parseDouble("3.000000e-04")), (Double) list(cells.get(0)).get(2), 0);

        // Every cell against the CSV: only the 'weight' rows count (not bias, not fc2's norm.weight).
        for (String[] r : rows(dir.resolve("gradients.csv"))) {
            if (!r[2].equals("weight")) {
                continue;
            }
            int row = List.of("fc1", "fc2", "fc3").indexOf(r[1]);
            int col = Integer.parseInt(r[0]) - 1;
            assertEquals((double) col + 1, map(columns.get(col)).get("to"));
            assertEquals(r[1] + " step " + r[0], Math.log10(Double.parseDouble(r[3])), (Double) list(cells.get(row)).get(col), 0);
        }
    }

    @Test
    public void layerBarsAverageTheLastEpoch() throws Exception {
        ReportDoc doc = report(Runs.mlp(tmp.newFolder("run-0001").toPath()));
        Map<String, Object> bars = doc.chart("layer-gradients");
        assertEquals("log", bars.get("yScale"));
        // 8 steps in 2 epochs: epoch 2 is steps 5..8.
        assertEquals(5.0, bars.get("fromStep"));
        assertEquals(8.0, bars.get("toStep"));
        List<Object> b = list(map(list(bars.get("groups")).get(0)).get("bars"));
        // fc1: mean(5,6,7,8) * 1e-4 = 6.5e-4; fc2: 6.5e-3; fc3: 6.5e-2.
        double[] expected = {6.5e-4, 6.5e-3, 6.5e-2};
        String[] layers = {"fc1", "fc2", "fc3"};
        for (int i = 0; i < 3; i++) {
            assertEquals(layers[i], map(b.get(i)).get("name"));
            assertEquals(expected[i], (Double) map(b.get(i)).get("value"), expected[i] * 1e-12);
            assertEquals(4.0, map(b.get(i)).get("samples"));
            assertEquals(false, map(b.get(i)).get("nonFinite"));
        }
        // first/last = 6.5e-4 / 6.5e-2
        assertEquals(0.01, (Double) bars.get("firstToLast"), 1e-14);
    }

    @Test
    public void recurrentRunHasTimeGradientsAndCombinesWeightMatrices() throws Exception {
        Path dir = tmp.newFolder("run-0002").toPath();
        ReportDoc doc = report(Runs.lstm(dir));
        assertEquals(List.of("loss", "accuracy", "gradient-flow", "layer-gradients", "time-gradients-lstm1"), doc.charts());

        Map<String, Object> heat = doc.chart("gradient-flow");
        assertEquals(List.of("lstm1", "out"), heat.get("rows"));
        // lstm1 at step 5: weight_ih 0.15, weight_hh 0.2 -> sqrt(0.15^2 + 0.2^2) = 0.25.
        assertEquals(5.0, map(list(heat.get("columns")).get(1)).get("from"));
        assertEquals(Math.log10(0.25), (Double) list(list(heat.get("cells")).get(0)).get(1), 1e-12);

        Map<String, Object> time = doc.chart("time-gradients-lstm1");
        assertEquals("log", time.get("yScale"));
        assertEquals("lstm1", time.get("layer"));
        List<String> names = list(time.get("series")).stream().map(s -> (String) map(s).get("name")).toList();
        assertEquals("first, middle and last recorded step", List.of("step 1", "step 5", "step 10"), names);
        List<String[]> csv = rows(dir.resolve("time-gradients.csv"));
        for (String[] r : csv) {
            Object p = points(time, "step " + r[0]).get(Integer.parseInt(r[2]));
            assertEquals(Double.parseDouble(r[2]), x(p), 0);
            assertEquals("a 0 is kept in the data (not drawn on the log axis)", Double.parseDouble(r[3]), y(p), 0);
        }
    }

    @Test
    public void nanZeroAndMissingFilesAreShownNotFatal() throws Exception {
        ReportDoc doc = report(Runs.diverged(tmp.newFolder("run-0003").toPath()));
        assertEquals("RUNNING", doc.text("state"));
        assertEquals("regression: no accuracy chart; no time-gradients.csv: no time chart",
                List.of("loss", "gradient-flow", "layer-gradients"), doc.charts());

        List<Object> train = points(doc.chart("loss"), "train");
        assertEquals(0.5, y(train.get(0)), 0);
        assertNull("NaN is null in the data", y(train.get(1)));

        Map<String, Object> heat = doc.chart("gradient-flow");
        List<Object> cells = list(heat.get("cells"));
        assertEquals("zero", list(cells.get(0)).get(0));
        assertEquals(-2.0, (Double) list(cells.get(0)).get(1), 1e-15);
        assertEquals(Math.log10(0.2), (Double) list(cells.get(1)).get(0), 1e-15);
        assertEquals("non-finite", list(cells.get(1)).get(1));

        // 3 steps in 3 epochs: the last finished epoch (2) is step 2.
        Map<String, Object> bars = doc.chart("layer-gradients");
        List<Object> b = list(map(list(bars.get("groups")).get(0)).get("bars"));
        assertEquals(1e-2, (Double) map(b.get(0)).get("value"), 0);
        assertNull(map(b.get(1)).get("value"));
        assertEquals(true, map(b.get(1)).get("nonFinite"));
        assertNull("no ratio with a NaN layer", bars.get("firstToLast"));

        assertTrue(doc.text("verdict").contains("no verdicts.csv"));
        assertTrue("spec from the snapshot", doc.text("spec").contains("loss=mse"));
    }

    @Test
    public void emptyFolderGivesChartsThatSayNoData() throws Exception {
        Path dir = tmp.newFolder("run-0004").toPath();
        ReportDoc doc = report(new RunInfo("run-0004", org.gradflow.api.run.RunState.QUEUED, null, 0, 2, 0, 0,
                dir.toString(), null, null));
        assertEquals(List.of("loss", "gradient-flow", "layer-gradients"), doc.charts());
        for (String chart : doc.charts()) {
            doc.chart(chart);
            assertEquals(chart, "no data",
                    doc.all("//*[@data-chart='" + chart + "']/*[@class='no-data']").get(0).getTextContent());
        }
        String notes = doc.text("notes");
        assertTrue(notes, notes.contains("no metrics.csv yet"));
        assertTrue(notes, notes.contains("no gradients.csv yet"));
    }

    @Test
    public void garbledAndHalfWrittenLinesBecomeNotes() throws Exception {
        Path dir = tmp.newFolder("run-0005").toPath();
        Runs.write(dir, "metrics.csv", Runs.METRICS_HEADER
                + "train,1,0.900000,0.600000,0.800000,0.700000,0,1.0,10.0,NaN\n"
                + "train,2,0.8,0.65\n"
                + "train,x,0.700000,0.700000,0.600000,0.750000,0,1.0,10.0,NaN\n"
                + "train,3,0.700000,0.700000,0.600000,0.750000,0,1.0,10.0,NaN\n"
                + "train,4,0.600000,0.7");
        Runs.write(dir, "gradients.csv", "\u0000\u0001 <b>&garbage\n1,2,3\n\uFFFF");
        Runs.write(dir, "time-gradients.csv", "step,layer,t,state_grad_l2\n1,rnn1,0,1.0e-3\n1,rnn1,1,2.0e-3\n1,rnn1,2,3.0e-0");
        Runs.write(dir, "verdicts.csv", "step,epoch,condition,evidence,remedies\n4,1,exploding,\"unclosed, evidence\n");
        RunInfo run = new RunInfo("run-0005", org.gradflow.api.run.RunState.RUNNING, "bad \u0001 bytes <&>", 3, 5, 12, 20,
                dir.toString(), Map.of("architecture", "mlp"), List.of());
        ReportDoc doc = report(run);
        assertEquals("bad \uFFFD bytes <&>", doc.text("message"));

        List<Object> train = points(doc.chart("loss"), "train");
        assertEquals("the good rows only", List.of(1.0, 3.0), train.stream().map(RunReportTest::x).toList());

        List<String> notes = doc.all("//*[@id='notes']//*[local-name()='li']").stream().map(Element::getTextContent).toList();
        String all = String.join("\n", notes);
        assertTrue(all, all.contains("metrics.csv line 3: 4 fields where the header has 10"));
        assertTrue(all, all.contains("metrics.csv line 4: epoch 'x' is not a whole number; skipped"));
        assertTrue(all, all.contains("metrics.csv line 6: the last line has no line end yet"));
        assertTrue(all, all.contains("gradients.csv has no column step, layer, parameter, grad_l2, nonfinite: the file is not used"));
        assertTrue(all, all.contains("time-gradients.csv line 4: the last line has no line end yet"));
        assertTrue(all, all.contains("verdicts.csv line 2: a quoted field is not closed"));
        assertTrue("no heatmap data", list(doc.chart("gradient-flow").get("rows")).isEmpty());
        // the half-written 3.0e-0 (of 3.0e-04, say) is not read
        assertEquals(2, points(doc.chart("time-gradients-rnn1"), "step 1").size());
    }

    @Test
    public void aFinishedRunKeepsItsLastLineWithoutLineEnd() throws Exception {
        Path dir = tmp.newFolder("run-0006").toPath();
        RunInfo run = Runs.mlp(dir);
        Runs.write(dir, "metrics.csv", Runs.MLP_METRICS.strip());
        assertEquals(2, points(report(run).chart("loss"), "train").size());
    }

    @Test
    public void manyStepsAreAveragedIntoAtMost200Columns() throws Exception {
        Path dir = tmp.newFolder("run-0007").toPath();
        StringBuilder g = new StringBuilder(Runs.GRADIENTS_HEADER);
        for (int s = 1; s <= 450; s++) {
            g.append(Runs.gradientRow(s, "fc1", "weight", Math.pow(10, -s / 100.0), 0));
        }
        Runs.write(dir, "gradients.csv", g.toString());
        Runs.write(dir, "metrics.csv", Runs.METRICS_HEADER);
        ReportDoc doc = report(new RunInfo("run-0007", org.gradflow.api.run.RunState.COMPLETED, "", 1, 1, 450, 450,
                dir.toString(), Map.of(), List.of()));
        Map<String, Object> heat = doc.chart("gradient-flow");
        List<Object> columns = list(heat.get("columns"));
        assertEquals(200, columns.size());
        // 450 steps into 200 columns: column c holds steps floor(450c/200)+1 .. floor(450(c+1)/200); column 0 = 1..2.
        assertEquals(1.0, map(columns.get(0)).get("from"));
        assertEquals(2.0, map(columns.get(0)).get("to"));
        assertEquals(450.0, map(columns.get(199)).get("to"));
        // mean of log10 of 10^-0.01 (written 9.772372e-01) and 10^-0.02 (9.549926e-01)
        double expected = (Math.log10(9.772372e-01) + Math.log10(9.549926e-01)) / 2;
        assertEquals(expected, (Double) list(list(heat.get("cells")).get(0)).get(0), 1e-15);
    }
}
