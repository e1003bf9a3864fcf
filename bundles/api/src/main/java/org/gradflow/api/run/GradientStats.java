package org.gradflow.api.run;

/**
 * Gradient statistics of one parameter at one step: one row of {@code gradients.csv}.
 *
 * @param gradL2      L2 norm of the gradient (finite elements)
 * @param gradRms     root mean square of the gradient
 * @param gradMaxAbs  largest |gradient element|
 * @param weightL2    L2 norm of the parameter after the step
 * @param updateRatio ||value after - value before|| / ||value before|| for this step
 * @param nonFinite   number of NaN or infinite gradient elements
 */
public record GradientStats(long step, String layer, String parameter, double gradL2, double gradRms,
        double gradMaxAbs, double weightL2, double updateRatio, long nonFinite) {
}
