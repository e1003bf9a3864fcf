package org.gradflow.api.report;

import java.nio.file.Path;
import java.util.List;

import org.gradflow.api.run.RunInfo;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes self-contained HTML reports (charts drawn as inline SVG, no network needed to view them) from
 * the files a run leaves in its folder. A report bundle provides it; the run manager's listeners and
 * the shell's {@code compare} command use it when it is installed.
 */
@ProviderType
public interface ReportWriter {
    /** Writes (or rewrites) {@code <run folder>/report.html} for one run, finished or not; returns its path. */
    Path writeRunReport(RunInfo run);

    /**
     * Writes a side-by-side report of several runs (the first is the base) to {@code target}, with one row
     * per run in a table and the runs' curves overlaid; returns {@code target}.
     */
    Path writeComparison(String title, List<RunInfo> runs, Path target);
}
