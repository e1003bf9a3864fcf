package org.gradflow.api.health;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the core measured at one check of a run: the input of a {@link Diagnosis}.
 *
 * @param step           training step (from 1)
 * @param epoch          epoch (from 1)
 * @param loss           the step's training loss
 * @param firstLoss      the training loss of the run's first step (NaN when unknown): with {@code loss}, how
 *                       the loss has moved since the start
 * @param firstNonFinite the first layer (input side) whose gradient has a NaN or infinite element, or
 *                       {@code null}; with a non-finite loss, the run diverged
 * @param layers         every layer of the network, input first
 * @param recurrent      every recurrent layer, empty for a feed-forward network
 * @param spec           the run's resolved spec (to tell, e.g., which activation or clipper is in use)
 * @param installed      the installed components as {@code kind/name}, e.g. {@code activation/relu}: a
 *                       diagnosis recommends only remedies found here
 */
public record HealthSnapshot(long step, int epoch, double loss, double firstLoss, String firstNonFinite, List<LayerHealth> layers,
        List<TimeHealth> recurrent, Map<String, String> spec, Set<String> installed) {
    public HealthSnapshot {
        layers = List.copyOf(layers);
        recurrent = List.copyOf(recurrent);
        spec = Map.copyOf(spec);
        installed = Set.copyOf(installed);
    }

    /** Whether a component of that kind and name is installed now. */
    public boolean isInstalled(String kind, String name) {
        return installed.contains(kind + "/" + name);
    }
}
