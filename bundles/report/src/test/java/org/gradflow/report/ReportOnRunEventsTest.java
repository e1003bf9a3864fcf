package org.gradflow.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gradflow.api.report.ReportWriter;
import org.gradflow.api.run.EpochMetrics;
import org.gradflow.api.run.RunInfo;
import org.gradflow.api.run.RunState;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReportOnRunEventsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final EpochMetrics EPOCH = new EpochMetrics(1, 0.9, 0.6, 0.8, 0.7, 0, 1, 10, Double.NaN);

    /** A writer that fails in the given way. */
    private static ReportWriter failing(RuntimeException r, Error e) {
        return new ReportWriter() {
            @Override
            public Path writeRunReport(RunInfo run) {
                if (r != null) {
                    throw r;
                }
                throw e;
            }

            @Override
            public Path writeComparison(String title, List<RunInfo> runs, Path target) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    public void writesTheReportAfterEachEpochAndAtTheEnd() throws Exception {
        Path dir = tmp.newFolder("run-0001").toPath();
        RunInfo run = Runs.mlp(dir);
        List<RunInfo> seen = new ArrayList<>();
        HtmlReportWriter real = new HtmlReportWriter();
        ReportOnRunEvents listener = new ReportOnRunEvents(new ReportWriter() {
            @Override
            public Path writeRunReport(RunInfo r) {
                seen.add(r);
                return real.writeRunReport(r);
            }

            @Override
            public Path writeComparison(String title, List<RunInfo> runs, Path target) {
                throw new UnsupportedOperationException();
            }
        });
        listener.message(run, "backend ojalgo");
        assertFalse("messages write nothing", Files.exists(dir.resolve("report.html")));
        listener.epochFinished(run, EPOCH);
        assertTrue(Files.exists(dir.resolve("report.html")));
        listener.runFinished(run);
        assertEquals(List.of(run, run), seen);
        ReportDoc.parse(dir.resolve("report.html"));
    }

    @Test
    public void neverThrows() throws Exception {
        List<ReportOnRunEvents> listeners = List.of(
                new ReportOnRunEvents(failing(new IllegalStateException("disk full"), null)),
                new ReportOnRunEvents(failing(null, new StackOverflowError())),
                new ReportOnRunEvents(failing(null, new OutOfMemoryError("report"))),
                new ReportOnRunEvents(new HtmlReportWriter()));
        List<RunInfo> runs = new ArrayList<>();
        runs.add(null);
        runs.add(new RunInfo("run-0007", RunState.FAILED, null, 0, 0, 0, 0, null, null, null));
        runs.add(new RunInfo("run-0008", RunState.FAILED, "x", 0, 0, 0, 0,
                tmp.getRoot().toPath().resolve("missing").toString(), Map.of(), List.of()));
        Path file = tmp.newFile("not-a-folder").toPath();
        runs.add(new RunInfo("run-0009", RunState.RUNNING, "x", 0, 0, 0, 0, file.toString(), Map.of(), List.of()));
        for (ReportOnRunEvents l : listeners) {
            for (RunInfo r : runs) {
                l.epochFinished(r, EPOCH);
                l.runFinished(r);
            }
        }
    }

    @Test
    public void anUnwritableFolderIsLoggedNotThrown() throws Exception {
        Path dir = tmp.newFolder("run-0010").toPath();
        RunInfo run = Runs.mlp(dir);
        Files.createDirectory(dir.resolve("report.html")); // the move over a non-empty folder fails
        Files.writeString(dir.resolve("report.html/keep"), "x");
        new ReportOnRunEvents(new HtmlReportWriter()).runFinished(run);
        try (var files = Files.list(dir)) {
            assertEquals("the temporary file is removed", List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
    }
}
