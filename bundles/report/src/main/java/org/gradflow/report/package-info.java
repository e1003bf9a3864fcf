/**
 * HTML reports of runs: {@link org.gradflow.report.HtmlReportWriter} (the {@code ReportWriter} service)
 * and {@link org.gradflow.report.ReportOnRunEvents} (a {@code RunListener} that rewrites a run's
 * {@code report.html} after each epoch and when the run ends). Private: nothing is exported; the shell
 * and the core find the writer through the service registry.
 *
 * <p>The parts, each small: {@code Csv} (reader that skips and describes bad lines), {@code RunFiles}
 * (loads a run folder into {@code RunData}), {@code GradientFlow} and {@code LastEpoch} (per-layer
 * weight-gradient sizes), {@code Scale}, {@code Svg} and {@code Charts} (drawing), {@code Json} and
 * {@code Markup} (output that is both XML and HTML), {@code Page}, {@code RunReport} and
 * {@code ComparisonReport} (the documents). The report format, including the embedded chart data, is
 * documented on {@code HtmlReportWriter}.
 */
package org.gradflow.report;
