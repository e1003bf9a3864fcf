package org.gradflow.report;

import java.util.List;

import org.gradflow.report.GradientFlow.LayerMean;

/**
 * Each layer's mean weight-gradient L2 over the last finished epoch's recorded steps (the first epoch's
 * while none has finished), and the first-to-last ratio: the input-side layer's mean over the output
 * layer's. A ratio far below 1 means the gradient vanishes on its way back; far above 1, it explodes.
 * When no recorded step falls in that epoch (or the steps per epoch are unknown), every recorded step
 * is used and {@link #window} says so.
 *
 * @param from   the first step averaged
 * @param to     the last step averaged ({@code Long.MAX_VALUE}: up to the latest)
 * @param window the steps averaged, in words, for captions
 */
record LastEpoch(long from, long to, String window, List<LayerMean> means, double firstToLast) {

    static LastEpoch of(RunData data, GradientFlow flow) {
        long[] range = data.lastEpochSteps();
        RunData.Epoch last = data.lastTrainEpoch();
        String window;
        if (range[1] == Long.MAX_VALUE) {
            window = "all recorded steps (steps per epoch unknown)";
        } else if (!flow.hasStepsIn(range[0], range[1])) {
            window = "all recorded steps (none recorded in steps " + range[0] + "-" + range[1] + ")";
            range = new long[] {1, Long.MAX_VALUE};
        } else {
            window = (last == null ? "the first epoch so far" : "epoch " + last.epoch()) + " (steps " + range[0] + "-"
                    + range[1] + ")";
        }
        List<LayerMean> means = flow.means(range[0], range[1]);
        double ratio = Double.NaN;
        if (means.size() >= 2) {
            double first = means.get(0).mean();
            double lastLayer = means.get(means.size() - 1).mean();
            ratio = lastLayer > 0 && Double.isFinite(first) && Double.isFinite(lastLayer) ? first / lastLayer : Double.NaN;
        }
        return new LastEpoch(range[0], range[1], window, means, ratio);
    }
}
