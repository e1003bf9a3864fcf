package org.gradflow.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gradflow.api.health.HealthSnapshot;

/**
 * Collects the remedies of one verdict, keeping only those the user can apply now. A remedy is a
 * run-spec fragment {@code key=value[ key=value]}; its first pair is the change it is about, the others
 * go with it (as {@code initializer=he-normal} goes with {@code activation=relu}). A remedy is kept when
 * <ol>
 * <li>every component it names is installed: a pair whose key is a component key ({@code activation},
 *     {@code initializer}, {@code normalization}, {@code architecture}, {@code clipper},
 *     {@code optimizer}) needs {@code snapshot.isInstalled(kind, value)}; parameter keys such as
 *     {@code optimizer.lr} name no component;</li>
 * <li>the run does not already use its first pair ({@code spec.get(key)} equals the value);</li>
 * <li>it was not added before (the order of first addition is kept).</li>
 * </ol>
 */
final class Remedies {
    /** Run-spec key to component kind; the kind is the kebab-case service interface. */
    private static final Map<String, String> KIND_OF_KEY = Map.of(
            "activation", "activation",
            "initializer", "initializer",
            "normalization", "normalization",
            "architecture", "architecture",
            "clipper", "gradient-clipper",
            "optimizer", "optimizer");

    /** Spec key of the learning rate, halved by {@link #lowerLearningRate()}. */
    static final String LR_KEY = "optimizer.lr";

    private final HealthSnapshot snapshot;
    private final Set<String> kept = new LinkedHashSet<>();

    Remedies(HealthSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Adds {@code fragment} if it passes the three checks of the class doc. */
    Remedies add(String fragment) {
        String[] pairs = fragment.split(" ");
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String kind = KIND_OF_KEY.get(pair.substring(0, eq));
            if (kind != null && !snapshot.isInstalled(kind, pair.substring(eq + 1))) {
                return this;
            }
        }
        int eq = pairs[0].indexOf('=');
        if (pairs[0].substring(eq + 1).equals(snapshot.spec().get(pairs[0].substring(0, eq)))) {
            return this;
        }
        kept.add(fragment);
        return this;
    }

    /**
     * Adds {@code optimizer.lr=<half the current value>}, e.g. {@code optimizer.lr=0.005} for 0.01; nothing
     * when the resolved spec has no positive, finite {@code optimizer.lr} (there is no value to halve).
     */
    Remedies lowerLearningRate() {
        String current = snapshot.spec().get(LR_KEY);
        if (current == null) {
            return this;
        }
        double lr;
        try {
            lr = Double.parseDouble(current.trim());
        } catch (NumberFormatException e) {
            return this;
        }
        if (Double.isFinite(lr) && lr > 0) {
            add(LR_KEY + "=" + Numbers.specValue(lr / 2));
        }
        return this;
    }

    /** Whether the run's spec sets {@code key} to {@code value}. */
    boolean uses(String key, String value) {
        return value.equals(snapshot.spec().get(key));
    }

    List<String> list() {
        return new ArrayList<>(kept);
    }
}
