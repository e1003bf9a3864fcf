package org.gradflow.api.run;

/**
 * One row of {@code metrics.csv}. Accuracies are NaN for regression.
 *
 * @param trainLoss    mean data loss over the epoch's training steps (without penalties)
 * @param penalty      mean regularization penalty over the epoch (0 without regularizers)
 * @param msPerStep    mean wall-clock milliseconds per training step in this epoch
 * @param clipRate     fraction of this epoch's steps where the gradient clipper changed the
 *                     gradients; NaN when the run has no clipper
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss,
        double testAccuracy, double penalty, double seconds, double msPerStep, double clipRate) {
}
