package org.gradflow.api.run;

/**
 * One row of the per-layer gradient table (the run summary and {@code gradflow:health}).
 *
 * @param meanGradL2  the weight gradient's L2 norm averaged over the window (the last full epoch, or
 *                    the current one while the first is under way)
 * @param ratioToLast {@code meanGradL2} divided by the last layer's: far below 1 in the first layers
 *                    means the gradient vanishes on its way back, far above 1 that it explodes
 * @param samples     steps averaged
 */
public record LayerGradientSummary(String layer, String parameter, double meanGradL2, double ratioToLast,
        double weightL2, double updateRatio, long nonFinite, int samples) {
}
