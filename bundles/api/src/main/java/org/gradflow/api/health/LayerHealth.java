package org.gradflow.api.health;

/**
 * One layer at one check.
 *
 * @param layer              layer name, e.g. {@code fc3}
 * @param gradL2             L2 norm of the layer's weight gradient (its largest weight matrix), NaN if it has none
 * @param gradRatioToLast    {@code gradL2} over the last layer's (the output layer's): far below 1 means the
 *                           gradient vanishes on its way back, far above 1 that it explodes
 * @param activation         the name of the layer's nonlinearity as the run spec gave it, or empty when the
 *                           layer has none observed (then the activation figures are NaN)
 * @param bounded            whether that nonlinearity saturates on both sides (sigmoid, tanh, softsign, hard-tanh)
 * @param saturatedFraction  fraction of (example, unit) pairs whose derivative {@code |f'(z)|} is below the
 *                           saturation threshold times the activation's typical slope (see the core docs)
 * @param deadFraction       fraction of units whose derivative is exactly 0 for every example of the batch
 * @param meanAbsDerivative  mean of {@code |f'(z)|} over the batch and the units
 * @param activationMean     mean of the layer's output
 * @param activationStd      standard deviation of the layer's output
 * @param nonFinite          NaN or infinite gradient elements in the layer at this check
 */
public record LayerHealth(String layer, double gradL2, double gradRatioToLast, String activation, boolean bounded,
        double saturatedFraction, double deadFraction, double meanAbsDerivative, double activationMean,
        double activationStd, long nonFinite) {
}
