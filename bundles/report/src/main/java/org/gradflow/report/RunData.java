package org.gradflow.report;

import java.util.List;
import java.util.Map;

/**
 * What a report shows of one run, as loaded by {@link RunFiles}: the rows of its CSV files that could be
 * read, its spec and status, and notes on what could not be read.
 *
 * @param state         the run's state word ({@code RUNNING}, {@code COMPLETED}, ...) or {@code unknown}
 * @param message       the run's latest message, or ""
 * @param epochs        {@code metrics.csv} rows (or the run's in-memory history when the file is missing)
 * @param gradients     {@code gradients.csv} rows
 * @param times         {@code time-gradients.csv} rows; empty for a feed-forward run
 * @param verdicts      {@code verdicts.csv} rows in file order (the last is the latest)
 * @param spec          the resolved spec, sorted by key
 * @param status        {@code status.txt}'s key=value pairs
 * @param stepsPerEpoch training steps per epoch, or 0 when unknown
 * @param notes         what was missing or skipped, in plain words
 */
record RunData(String id, String state, String message, List<Epoch> epochs, List<Grad> gradients,
        List<TimePoint> times, List<VerdictRow> verdicts, boolean hasVerdictFile, Map<String, String> spec,
        Map<String, String> status, long stepsPerEpoch, List<String> notes) {

    /** One {@code metrics.csv} row; {@code phase} is {@code train} or {@code pretrain-<layer>}. */
    record Epoch(String phase, int epoch, double trainLoss, double trainAccuracy, double testLoss,
            double testAccuracy, double penalty, double seconds, double msPerStep, double clipRate) {
        boolean isTrain() {
            return phase.equals("train");
        }
    }

    /** The columns of one {@code gradients.csv} row that the report uses. */
    record Grad(long step, String layer, String parameter, double gradL2, long nonFinite) {
    }

    /** One {@code time-gradients.csv} row: {@code ||dL/dh_t||} of a recurrent layer at a recorded step. */
    record TimePoint(long step, String layer, int t, double stateGradL2) {
    }

    /** One {@code verdicts.csv} row; {@code epoch} is -1 when the field is empty. */
    record VerdictRow(long step, int epoch, String condition, String evidence, List<String> remedies) {
    }

    /** The {@code train} rows in file order. */
    List<Epoch> trainEpochs() {
        return epochs.stream().filter(Epoch::isTrain).toList();
    }

    /** The last {@code train} row, or null. */
    Epoch lastTrainEpoch() {
        List<Epoch> train = trainEpochs();
        return train.isEmpty() ? null : train.get(train.size() - 1);
    }

    /** The latest verdict, or null. */
    VerdictRow latestVerdict() {
        return verdicts.isEmpty() ? null : verdicts.get(verdicts.size() - 1);
    }

    /** The spec value of {@code label}, or "". */
    String label() {
        return spec.getOrDefault("label", "");
    }

    /**
     * The steps of the last finished training epoch, {@code [from, to]}; the first epoch while none has
     * finished; every step ({@code [1, Long.MAX_VALUE]}) when the steps per epoch are unknown.
     */
    long[] lastEpochSteps() {
        Epoch last = lastTrainEpoch();
        int e = last == null ? 1 : Math.max(1, last.epoch());
        if (stepsPerEpoch <= 0) {
            return new long[] {1, Long.MAX_VALUE};
        }
        return new long[] {(e - 1) * stepsPerEpoch + 1, e * stepsPerEpoch};
    }
}
