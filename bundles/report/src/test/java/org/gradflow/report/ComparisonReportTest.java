package org.gradflow.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gradflow.api.run.RunInfo;
import org.gradflow.api.run.RunState;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Element;

/** A comparison of four runs: the MLP base, a ReLU variant, a diverged regression run, a run without a folder. */
public class ComparisonReportTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private ReportDoc doc;
    private Path target;

    @Before
    public void writeComparison() throws Exception {
        RunInfo base = Runs.mlp(tmp.newFolder("run-0001").toPath());
        Path relu = tmp.newFolder("run-0002").toPath();
        RunInfo variant = Runs.mlp(relu, "run-0002", "activation=relu\ninitializer=he-normal\nlabel=relu\n", 5e-3,
                Runs.METRICS_HEADER
                        + "train,1,0.600000,0.800000,0.500000,0.820000,0.000000e+00,12.000,71.000,NaN\n"
                        + "train,2,0.420000,0.860000,0.401000,0.870000,0.000000e+00,12.000,70.500,NaN\n");
        Runs.write(relu, "verdicts.csv", "step,epoch,condition,evidence,remedies\n8,2,healthy,\"all good\",\n");
        RunInfo diverged = Runs.diverged(tmp.newFolder("run-0003").toPath());
        RunInfo gone = new RunInfo("run-0009", RunState.FAILED, "no folder", 0, 2, 0, 0,
                tmp.getRoot().toPath().resolve("run-0009").toString(), Map.of("activation", "tanh"), List.of());
        target = tmp.getRoot().toPath().resolve("reports/compare.html");
        Path written = new HtmlReportWriter().writeComparison("Sigmoid vs ReLU <&>", List.of(base, variant, diverged, gone),
                target);
        assertEquals(target, written);
        doc = ReportDoc.parse(target);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @Test
    public void oneRowPerRunInOrder() throws Exception {
        assertEquals("Sigmoid vs ReLU <&>", doc.all("//*[local-name()='h1']").get(0).getTextContent());
        List<Element> rows = doc.all("//*[@id='comparison']/*[local-name()='tbody']/*[local-name()='tr']");
        assertEquals(List.of("run-0001", "run-0002", "run-0003", "run-0009"),
                rows.stream().map(r -> r.getAttribute("data-run")).toList());
        List<String> labels = rows.stream().map(r -> r.getElementsByTagNameNS("*", "td").item(1).getTextContent()).toList();
        assertEquals(List.of("sigmoid baseline", "relu", "regression", ""), labels);
        String baseKeys = rows.get(0).getElementsByTagNameNS("*", "td").item(2).getTextContent();
        // the base's own values of every key some other run changed (run-0009 has only activation; run-0003 adds loss)
        assertEquals("base: activation=sigmoid, architecture=mlp, epochs=2, hidden=64,64, initializer=xavier-uniform,"
                + " loss=(unset)", baseKeys);
        assertEquals("activation=relu, initializer=he-normal",
                rows.get(1).getElementsByTagNameNS("*", "td").item(2).getTextContent());
        String regressionAccuracy = rows.get(2).getElementsByTagNameNS("*", "td").item(4).getTextContent();
        assertEquals("regression: the test loss stands in for accuracy", "NaN (test loss)", regressionAccuracy);
        assertTrue(doc.text("notes").contains("run-0009: run run-0009: folder"));
    }

    @Test
    public void tableDataHoldsTheValues() throws Exception {
        List<Object> rows = list(doc.json("data-comparison-table").get("rows"));
        Map<String, Object> a = map(rows.get(0));
        Map<String, Object> b = map(rows.get(1));
        Map<String, Object> c = map(rows.get(2));
        assertEquals(true, a.get("base"));
        assertEquals(Map.of(), a.get("differs"));
        assertEquals(0.558149, (Double) a.get("testLoss"), 0);
        assertEquals(0.7985, (Double) a.get("testAccuracy"), 0);
        assertEquals("fc1 6.5e-4 over fc3 6.5e-2", 0.01, (Double) a.get("firstToLast"), 1e-14);
        assertEquals("vanishing", a.get("verdict"));
        assertEquals(76.579, (Double) a.get("msPerStep"), 0);

        assertEquals(false, b.get("base"));
        assertEquals(Map.of("activation", "relu", "initializer", "he-normal"), b.get("differs"));
        assertEquals(0.401, (Double) b.get("testLoss"), 0);
        assertEquals(0.87, (Double) b.get("testAccuracy"), 0);
        assertEquals("fc1 mean(5..8) * 5e-3 = 3.25e-2 over 6.5e-2", 0.5, (Double) b.get("firstToLast"), 1e-14);
        assertEquals("healthy", b.get("verdict"));
        assertEquals(70.5, (Double) b.get("msPerStep"), 0);

        assertEquals(Map.of("activation", "(unset)", "epochs", "(unset)", "hidden", "(unset)", "initializer", "(unset)",
                "loss", "mse"), c.get("differs"));
        assertNull(c.get("testLoss"));
        assertNull(c.get("testAccuracy"));
        assertEquals("", c.get("verdict"));
    }

    @Test
    public void lossCurvesAreOverlaid() throws Exception {
        Map<String, Object> loss = doc.chart("comparison-loss");
        List<Object> series = list(loss.get("series"));
        assertEquals("train and test of each of 4 runs", 8, series.size());
        Map<String, Object> reluTest = map(series.get(3));
        assertEquals("run-0002", reluTest.get("run"));
        assertEquals("test", reluTest.get("kind"));
        assertEquals(List.of(List.of(1.0, 0.5), List.of(2.0, 0.401)), reluTest.get("points"));
        assertEquals(List.of(), map(series.get(7)).get("points"));
    }

    @Test
    public void layerBarsHaveAGroupPerRun() throws Exception {
        List<Object> groups = list(doc.chart("comparison-layer-gradients").get("groups"));
        assertEquals(List.of("run-0001", "run-0002", "run-0003", "run-0009"),
                groups.stream().map(g -> map(g).get("name")).toList());
        List<Object> bars = list(map(groups.get(1)).get("bars"));
        double[] expected = {3.25e-2, 6.5e-3, 6.5e-2};
        for (int i = 0; i < 3; i++) {
            assertEquals("fc" + (i + 1), map(bars.get(i)).get("name"));
            assertEquals(expected[i], (Double) map(bars.get(i)).get("value"), expected[i] * 1e-12);
        }
        assertEquals(List.of(), map(groups.get(3)).get("bars"));
    }
}
