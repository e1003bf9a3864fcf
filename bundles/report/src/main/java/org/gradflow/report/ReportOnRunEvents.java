package org.gradflow.report;

import org.gradflow.api.report.ReportWriter;
import org.gradflow.api.run.EpochMetrics;
import org.gradflow.api.run.RunInfo;
import org.gradflow.api.run.RunListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every run's {@code report.html} current: rewrites it after each epoch and when the run ends
 * (whiteboard {@link RunListener}, so it hears about every run). Runs on the run's thread and takes
 * about as long as reading the run's CSV files; a failure is logged and never reaches the run.
 */
@Component(service = RunListener.class)
public final class ReportOnRunEvents implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(ReportOnRunEvents.class);

    private final ReportWriter writer;

    @Activate
    public ReportOnRunEvents(@Reference ReportWriter writer) {
        this.writer = writer;
    }

    @Override
    public void epochFinished(RunInfo run, EpochMetrics metrics) {
        write(run);
    }

    @Override
    public void runFinished(RunInfo run) {
        write(run);
    }

    /**
     * Writes the report; catches everything, Errors included: the report is optional, and what it
     * allocated (even on an OutOfMemoryError) is garbage once this returns. The thread's interrupt flag
     * (a stop request) is left as it was.
     */
    private void write(RunInfo run) {
        try {
            writer.writeRunReport(run);
        } catch (Throwable t) {
            try {
                LOG.warn("run {}: report.html not written: {}", run == null ? null : run.id(), t.toString(), t);
            } catch (Throwable ignored) {
                // logging failed too: the run goes on regardless
            }
        }
    }
}
