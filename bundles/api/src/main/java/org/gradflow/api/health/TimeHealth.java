package org.gradflow.api.health;

/**
 * One recurrent layer at one check: how the gradient travels back through time.
 *
 * @param layer               layer name, e.g. {@code lstm1}
 * @param steps               time steps per sequence
 * @param firstToLast         {@code ||dL/dh_0|| / ||dL/dh_{T-1}||}: how much of the gradient at the last
 *                            step is left at the first
 * @param decayPerStep        least-squares slope of {@code log10 ||dL/dh_t||} against the distance
 *                            {@code T-1-t} from the last step: -1 means ten times smaller per step back,
 *                            0 no decay, positive growth
 * @param jacobianNorm        estimate of the largest singular value of the state-to-state Jacobian
 *                            {@code dh_t/dh_{t-1}} at the last step (for {@code h_t = f(W x + U h_{t-1} + b)}
 *                            it is {@code diag(f'(z)) U}); NaN when the layer does not expose it
 * @param recurrentWeightNorm largest singular value of the hidden-to-hidden weight (the largest over its gates)
 */
public record TimeHealth(String layer, int steps, double firstToLast, double decayPerStep, double jacobianNorm,
        double recurrentWeightNorm) {
}
