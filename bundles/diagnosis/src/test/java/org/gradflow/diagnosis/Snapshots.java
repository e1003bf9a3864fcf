package org.gradflow.diagnosis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gradflow.api.component.Settings;
import org.gradflow.api.health.HealthSnapshot;
import org.gradflow.api.health.LayerHealth;
import org.gradflow.api.health.TimeHealth;
import org.gradflow.api.health.Verdict;

/**
 * Hand-made snapshots for the tests: layers, recurrent layers, a spec and the installed components,
 * with the figures a real check would report. Everything a remedy may name is installed unless a
 * test removes it.
 */
final class Snapshots {
    static final Set<String> EVERYTHING = Set.of(
            "activation/sigmoid", "activation/tanh", "activation/relu", "activation/leaky-relu", "activation/elu",
            "initializer/xavier-uniform", "initializer/he-normal", "initializer/orthogonal", "initializer/normal",
            "normalization/batch-norm", "normalization/layer-norm",
            "architecture/mlp", "architecture/residual-mlp", "architecture/rnn", "architecture/lstm",
            "architecture/gru",
            "gradient-clipper/global-norm", "gradient-clipper/value",
            "optimizer/sgd", "optimizer/adam");

    private Snapshots() {
    }

    /** A dense layer with a bounded activation: no dead units (a sigmoid's slope is never exactly 0). */
    static LayerHealth bounded(String name, String activation, double ratio, double saturated) {
        return new LayerHealth(name, 0.02 * ratio, ratio, activation, true, saturated, 0.0, 0.1, 0.5, 0.2, 0);
    }

    static LayerHealth sigmoid(String name, double ratio, double saturated) {
        return bounded(name, "sigmoid", ratio, saturated);
    }

    /** A ReLU layer: never saturated in the bounded sense, {@code dead} of its units dead. */
    static LayerHealth relu(String name, double ratio, double dead) {
        return new LayerHealth(name, 0.02 * ratio, ratio, "relu", false, 0.0, dead, 0.5, 0.4, 0.6, 0);
    }

    /** The output layer: reference of the ratios (1), no observed nonlinearity (softmax is in the loss). */
    static LayerHealth output(String name) {
        return new LayerHealth(name, 0.02, 1.0, "", false, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0);
    }

    /** A layer without weights and without an observed nonlinearity (e.g. dropout): NaN everywhere. */
    static LayerHealth weightless(String name) {
        return new LayerHealth(name, Double.NaN, Double.NaN, "", false, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0);
    }

    static LayerHealth withNonFinite(LayerHealth l, long count) {
        return new LayerHealth(l.layer(), Double.NaN, Double.NaN, l.activation(), l.bounded(),
                l.saturatedFraction(), l.deadFraction(), l.meanAbsDerivative(), l.activationMean(),
                l.activationStd(), count);
    }

    static TimeHealth time(String name, int steps, double firstToLast, double decayPerStep) {
        return new TimeHealth(name, steps, firstToLast, decayPerStep, Double.NaN, 1.0);
    }

    static Builder snapshot() {
        return new Builder();
    }

    static Verdict judge(Builder b) {
        return new Standard().judge(b.build(), Settings.empty());
    }

    static Verdict judge(Builder b, Map<String, String> thresholds) {
        Standard standard = new Standard();
        return standard.judge(b.build(), Settings.validate("diagnosis.", thresholds, standard.parameters()));
    }

    static final class Builder {
        private long step = 200;
        private double loss = 2.3;
        private double firstLoss = Double.NaN;
        private String firstNonFinite;
        private final List<LayerHealth> layers = new ArrayList<>();
        private final List<TimeHealth> recurrent = new ArrayList<>();
        private final Map<String, String> spec = new HashMap<>(Map.of("optimizer", "sgd", "optimizer.lr", "0.01",
                "clipper", "none", "normalization", "none", "architecture", "mlp", "initializer", "normal"));
        private final Set<String> installed = new HashSet<>(EVERYTHING);

        Builder layers(LayerHealth... ls) {
            layers.addAll(List.of(ls));
            return this;
        }

        Builder recurrent(TimeHealth... ts) {
            recurrent.addAll(List.of(ts));
            return this;
        }

        Builder firstLoss(double l) {
            firstLoss = l;
            return this;
        }

        Builder loss(double l) {
            loss = l;
            return this;
        }

        Builder firstNonFinite(String layer) {
            firstNonFinite = layer;
            return this;
        }

        Builder step(long s) {
            step = s;
            return this;
        }

        /** Sets a spec key; {@code null} removes it. */
        Builder spec(String key, String value) {
            if (value == null) {
                spec.remove(key);
            } else {
                spec.put(key, value);
            }
            return this;
        }

        Builder uninstall(String... kindSlashName) {
            installed.removeAll(List.of(kindSlashName));
            return this;
        }

        Builder installedOnly(String... kindSlashName) {
            installed.clear();
            installed.addAll(List.of(kindSlashName));
            return this;
        }

        HealthSnapshot build() {
            return new HealthSnapshot(step, 1, loss, firstLoss, firstNonFinite, layers, recurrent, spec, installed);
        }
    }
}
