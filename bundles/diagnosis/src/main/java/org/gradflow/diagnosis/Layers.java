package org.gradflow.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.gradflow.api.health.LayerHealth;

/**
 * Selections and summaries of a snapshot's layers. Every selection drops what was not measured: a
 * layer without weights has a NaN ratio, a layer without an observed nonlinearity NaN activation
 * figures and an empty {@code activation}.
 */
final class Layers {
    private Layers() {
    }

    /**
     * The layers whose gradient ratio is evidence: those with a finite {@code gradRatioToLast}, less
     * the last of them, the reference layer whose ratio is 1 by definition. Input first.
     */
    static List<LayerHealth> beforeReference(List<LayerHealth> layers) {
        List<LayerHealth> measured = layers.stream().filter(l -> Double.isFinite(l.gradRatioToLast())).toList();
        return measured.isEmpty() ? measured : measured.subList(0, measured.size() - 1);
    }

    /** Layers with a bounded nonlinearity (sigmoid, tanh, ...) and a measured saturated fraction. */
    static List<LayerHealth> bounded(List<LayerHealth> layers) {
        return layers.stream()
                .filter(l -> l.bounded() && !l.activation().isEmpty() && Double.isFinite(l.saturatedFraction()))
                .toList();
    }

    /** Layers with a measured dead fraction. */
    static List<LayerHealth> withDeadFraction(List<LayerHealth> layers) {
        return layers.stream().filter(l -> Double.isFinite(l.deadFraction())).toList();
    }

    /** The plain mean of {@code figure} over {@code layers} (not empty). */
    static double mean(List<LayerHealth> layers, ToDoubleFunction<LayerHealth> figure) {
        return layers.stream().mapToDouble(figure).average().orElseThrow();
    }

    /** The layer with the largest {@code figure}, the first of equals; {@code null} for none. */
    static LayerHealth largest(List<LayerHealth> layers, ToDoubleFunction<LayerHealth> figure) {
        return layers.stream().max(Comparator.comparingDouble(figure)).orElse(null);
    }

    /** The layer with the smallest {@code figure}, the first of equals; {@code null} for none. */
    static LayerHealth smallest(List<LayerHealth> layers, ToDoubleFunction<LayerHealth> figure) {
        return layers.stream().min(Comparator.comparingDouble(figure)).orElse(null);
    }

    /** The nonlinearities of {@code layers}, in order of first appearance: {@code sigmoid}, {@code sigmoid/tanh}. */
    static String activations(List<LayerHealth> layers) {
        Set<String> names = new LinkedHashSet<>();
        for (LayerHealth l : layers) {
            names.add(l.activation());
        }
        return String.join("/", names);
    }

    /**
     * Names {@code subset} of {@code all} briefly: {@code fc3} for one layer, {@code fc1-fc6} for a run of
     * neighbours, {@code fc1, fc3} for up to three others, else {@code fc1 to fc9 (5 layers)}.
     */
    static String span(List<LayerHealth> all, List<LayerHealth> subset) {
        if (subset.size() == 1) {
            return subset.get(0).layer();
        }
        String first = subset.get(0).layer();
        String last = subset.get(subset.size() - 1).layer();
        if (all.indexOf(subset.get(subset.size() - 1)) - all.indexOf(subset.get(0)) == subset.size() - 1) {
            return first + "-" + last;
        }
        if (subset.size() <= 3) {
            List<String> names = new ArrayList<>();
            subset.forEach(l -> names.add(l.layer()));
            return String.join(", ", names);
        }
        return first + " to " + last + " (" + subset.size() + " layers)";
    }
}
