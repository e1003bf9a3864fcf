package org.gradflow.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.gradflow.api.report.ReportWriter;
import org.gradflow.api.run.RunInfo;
import org.osgi.service.component.annotations.Component;

/**
 * Writes a run's {@code report.html}, or a comparison of runs, from the files in the run folders
 * ({@code metrics.csv}, {@code gradients.csv}, {@code time-gradients.csv}, {@code verdicts.csv},
 * {@code spec.cfg}, {@code status.txt}; any may be missing or end in a half-written line while the run
 * trains). A file is written to a temporary file beside the target and moved over it, so a browser or a
 * second writer never sees half a report.
 *
 * <h2>The document</h2>
 * Well-formed XHTML that is also valid HTML ({@code <!DOCTYPE html>}, the XHTML namespace, every element
 * closed, {@code <>&} escaped): {@code DocumentBuilder} parses it, browsers show it. Inline CSS, no
 * scripts run, nothing fetched. Anything that could not be read is listed in {@code <div id="notes">}.
 * The run report has {@code <span id="state">}, {@code <p id="message">}, {@code <div id="verdict"
 * data-condition="...">} (the latest verdict), {@code <table id="verdict-changes">} and
 * {@code <pre id="spec">} (the spec as {@code key=value} lines, usable as a spec file).
 *
 * <h2>Embedded chart data</h2>
 * Each chart is a {@code <figure id="chart-NAME">} holding a caption, {@code <svg data-chart="NAME">} and
 * its data in {@code <script type="application/json" id="data-NAME">}. The JSON has {@code "chart": NAME},
 * {@code "title"}, and by kind:
 * <ul>
 * <li>line charts ({@code loss}, {@code accuracy}, {@code pretrain-loss}, {@code time-gradients-LAYER},
 *     {@code comparison-loss}): {@code "x"}, {@code "y"} (axis names), {@code "yScale"} ({@code linear}
 *     or {@code log}), {@code "series": [{"name", ..., "points": [[x, y], ...]}]} with the values of the
 *     files, one point per row ({@code y} is {@code null} for NaN or infinity, which are not drawn; on a
 *     log axis 0 is kept in the data but not drawn). Extra keys: a pretrain series has {@code "layer"};
 *     a time-gradients chart has {@code "layer"} and each series its {@code "step"}; a comparison-loss
 *     series has {@code "run"} and {@code "kind"} ({@code train} or {@code test}).</li>
 * <li>bar charts ({@code layer-gradients}, {@code comparison-layer-gradients}): {@code "yScale": "log"},
 *     {@code "groups": [{"name", "bars": [{"name": LAYER, "value", "nonFinite", "samples"}]}]} (one
 *     unnamed group for a run report, one per run in a comparison); {@code value} is the mean weight-gradient
 *     L2 over the last epoch's recorded steps ({@code null} if any was NaN or infinite). The run report's
 *     also has {@code "fromStep"}, {@code "toStep"} (null: up to the latest) and {@code "firstToLast"}.</li>
 * <li>the heatmap ({@code gradient-flow}): {@code "rows": [LAYER, ...]} (input first),
 *     {@code "columns": [{"from": STEP, "to": STEP}, ...]} (the recorded steps each column covers) and
 *     {@code "cells": [[...], ...]} (row-major): {@code log10} of the layer's weight-gradient L2 (see
 *     {@link GradientFlow}; a column of several steps holds the mean of their {@code log10}), or
 *     {@code "zero"}, {@code "non-finite"}, or {@code null} (not recorded).</li>
 * </ul>
 * Numbers are written with {@link Double#toString}: they read back to the exact doubles parsed from the
 * files. Strings escape {@code <>&} as {@code \u003c} etc., so an XML parser and an HTML parser read the
 * same text. The comparison report also has {@code <table id="comparison">} (rows {@code data-run="ID"})
 * and {@code <script type="application/json" id="data-comparison-table">}:
 * {@code {"rows": [{"run", "label", "base", "differs": {KEY: VALUE}, "testLoss", "testAccuracy",
 * "firstToLast", "verdict", "msPerStep"}]}}.
 */
@Component(service = ReportWriter.class)
public final class HtmlReportWriter implements ReportWriter {
    static final String REPORT = "report.html";

    @Override
    public Path writeRunReport(RunInfo run) {
        Objects.requireNonNull(run, "run");
        RunData data = RunFiles.load(run);
        Path target = Path.of(run.directory()).resolve(REPORT);
        write(target, RunReport.html(run, data, Instant.now()));
        return target;
    }

    @Override
    public Path writeComparison(String title, List<RunInfo> runs, Path target) {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(target, "target");
        List<RunData> data = new ArrayList<>();
        for (RunInfo run : runs) {
            data.add(RunFiles.loadOrNote(run));
        }
        String t = title == null || title.isBlank() ? "Comparison of " + runs.size() + " runs" : title;
        write(target, ComparisonReport.html(t, data, Instant.now()));
        return target;
    }

    /** Writes {@code html} to a temporary file beside {@code target}, then moves it over {@code target}. */
    static void write(Path target, String html) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // left behind: a hidden *.tmp file, harmless
                }
            }
        }
    }
}
