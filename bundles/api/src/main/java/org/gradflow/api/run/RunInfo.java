package org.gradflow.api.run;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of one run.
 *
 * @param message     what the user should know now: the data set used, or why it failed or stopped
 * @param directory   where its files are ({@code runs/<id>/})
 * @param spec        the resolved spec: every key with defaults filled in
 * @param history     metrics of the finished epochs
 */
public record RunInfo(String id, RunState state, String message, int epoch, int epochs, long step,
        long steps, String directory, Map<String, String> spec, List<EpochMetrics> history) {

    /** Fraction of training steps done, 0..1. */
    public double progress() {
        return steps == 0 ? 0 : Math.min(1.0, (double) step / steps);
    }
}
