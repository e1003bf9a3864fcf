package org.gradflow.core.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.architecture.Architecture;
import org.gradflow.api.clipper.GradientClipper;
import org.gradflow.api.component.Component;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.Dataset;
import org.gradflow.api.initializer.Initializer;
import org.gradflow.api.normalization.Normalization;
import org.gradflow.api.optimizer.Optimizer;
import org.gradflow.api.regularizer.Regularizer;
import org.gradflow.api.run.RunSpec;
import org.gradflow.api.health.Diagnosis;
import org.gradflow.api.pretrain.Pretrainer;
import org.gradflow.api.schedule.LearningRateSchedule;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.core.catalog.ComponentSource;
import org.gradflow.core.catalog.ComponentRegistry.Found;

/**
 * A run spec resolved against the installed components: every key checked, every component found,
 * every parameter validated and defaulted. Holds the component registrations until {@link #release}.
 */
public final class RunPlan {
    /** A chosen component with its validated settings. */
    public record Part<T>(Found<T> found, String prefix, Settings settings) {
        public T service() {
            return found.service();
        }
    }

    private final Settings core;
    private final Map<String, String> resolved;
    private final List<Part<?>> parts = new ArrayList<>();
    final Part<Dataset> dataset;
    final Part<Architecture> architecture;
    final Part<Activation> activation;
    final Part<Initializer> initializer;
    final Part<Optimizer> optimizer;
    final Part<ComputeBackend> backend;
    final Part<GradientClipper> clipper;
    final Part<LearningRateSchedule> schedule;
    /** The diagnosis, or {@code null} when switched off or (the default one) not installed. */
    final Part<Diagnosis> diagnosis;
    /** The greedy layer-wise pre-trainer, or {@code null} for none. */
    final Part<Pretrainer> pretrainer;
    final List<Part<Regularizer>> regularizers = new ArrayList<>();
    final List<Integer> hidden;
    final Precision precision;
    /** Per-layer activation overrides, by 1-based hidden layer index ({@code layer.<i>.activation}). */
    final Map<Integer, Part<Activation>> activationOverrides = new TreeMap<>();
    /** The hidden layers' normalization, or {@code null} for none. */
    final Part<Normalization> normalization;
    /** Per-layer normalization overrides ({@code layer.<i>.normalization}); a {@code null} value means none. */
    final Map<Integer, Part<Normalization>> normalizationOverrides = new TreeMap<>();

    private static final java.util.regex.Pattern LAYER_ACTIVATION = java.util.regex.Pattern.compile("layer\\.(\\d+)\\.activation");
    private static final java.util.regex.Pattern LAYER_NORMALIZATION = java.util.regex.Pattern.compile("layer\\.(\\d+)\\.normalization");

    private RunPlan(RunSpec spec, ComponentSource registry) {
        Map<String, String> given = spec.values();
        Map<String, String> coreGiven = new LinkedHashMap<>();
        for (ParameterSpec key : CoreKeys.ALL) {
            if (given.containsKey(key.name())) {
                coreGiven.put(key.name(), given.get(key.name()));
            }
        }
        core = Settings.validate("", coreGiven, CoreKeys.ALL);
        hidden = CoreKeys.parseHidden(core.text(CoreKeys.HIDDEN));
        precision = core.text(CoreKeys.PRECISION).equals("float32") ? Precision.FLOAT32 : Precision.FLOAT64;
        try {
            dataset = part(registry, spec, Dataset.class, core.text(CoreKeys.DATASET), "dataset.");
            String normName = core.text(CoreKeys.NORMALIZATION);
            normalization = off(normName) ? null
                    : part(registry, spec, Normalization.class, normName, "normalization.");
            for (Map.Entry<String, String> e : given.entrySet()) {
                java.util.regex.Matcher m = LAYER_NORMALIZATION.matcher(e.getKey());
                if (m.matches()) {
                    int index = Integer.parseInt(m.group(1));
                    if (index < 1 || index > hidden.size()) {
                        throw new ConfigurationException(e.getKey() + "=" + e.getValue() + ": there is no hidden layer "
                                + index + "; hidden=" + core.text(CoreKeys.HIDDEN) + " gives layers 1.." + hidden.size());
                    }
                    normalizationOverrides.put(index, e.getValue().equals("none") ? null
                            : part(registry, spec, Normalization.class, e.getValue(), "layer." + index + ".normalization."));
                }
            }
            architecture = part(registry, spec, Architecture.class, core.text(CoreKeys.ARCHITECTURE), "architecture.");
            activation = part(registry, spec, Activation.class, core.text(CoreKeys.ACTIVATION), "activation.");
            for (Map.Entry<String, String> e : given.entrySet()) {
                java.util.regex.Matcher m = LAYER_ACTIVATION.matcher(e.getKey());
                if (m.matches()) {
                    int index = Integer.parseInt(m.group(1));
                    if (index < 1 || index > hidden.size()) {
                        throw new ConfigurationException(e.getKey() + "=" + e.getValue() + ": there is no hidden layer "
                                + index + "; hidden=" + core.text(CoreKeys.HIDDEN) + " gives layers 1.." + hidden.size());
                    }
                    activationOverrides.put(index, part(registry, spec, Activation.class, e.getValue(),
                            "layer." + index + ".activation."));
                }
            }
            initializer = part(registry, spec, Initializer.class, core.text(CoreKeys.INITIALIZER), "initializer.");
            optimizer = part(registry, spec, Optimizer.class, core.text(CoreKeys.OPTIMIZER), "optimizer.");
            String backendName = core.text(CoreKeys.BACKEND);
            if (backendName == null || backendName.isBlank()) {
                Found<ComputeBackend> best = registry.best(ComputeBackend.class);
                if (best == null) {
                    throw new ConfigurationException("no compute backend is installed; install the backend-ojalgo bundle");
                }
                backend = adopt(new Part<>(best, "backend.", Settings.validate("backend.", spec.withPrefix("backend."),
                        best.service().parameters())));
            } else {
                backend = part(registry, spec, ComputeBackend.class, backendName, "backend.");
            }
            if (!backend.service().precisions().contains(precision)) {
                throw new ConfigurationException("precision=" + core.text(CoreKeys.PRECISION) + " is not supported by backend "
                        + backend.found().name() + " (it supports " + backend.service().precisions()
                        + "); choose another precision or backend");
            }
            String clipperName = core.text(CoreKeys.CLIPPER);
            clipper = off(clipperName) ? null : part(registry, spec, GradientClipper.class, clipperName, "clipper.");
            String scheduleName = core.text(CoreKeys.SCHEDULE);
            schedule = off(scheduleName) ? null
                    : part(registry, spec, LearningRateSchedule.class, scheduleName, "schedule.");
            String diagnosisName = core.text(CoreKeys.DIAGNOSIS);
            boolean defaultDiagnosis = !core.given().containsKey(CoreKeys.DIAGNOSIS.name());
            diagnosis = off(diagnosisName) || (defaultDiagnosis && !registry.installed().contains("diagnosis/" + diagnosisName))
                    ? null : part(registry, spec, Diagnosis.class, diagnosisName, "diagnosis.");
            String pretrainName = core.text(CoreKeys.PRETRAIN);
            pretrainer = off(pretrainName) ? null
                    : part(registry, spec, Pretrainer.class, pretrainName, "pretrain.");
            for (String name : core.text(CoreKeys.REGULARIZERS).split(",")) {
                if (!name.isBlank()) {
                    regularizers.add(part(registry, spec, Regularizer.class, name.strip(), "regularizer." + name.strip() + "."));
                }
            }
            checkNoStrayKeys(spec);
        } catch (RuntimeException e) {
            release(registry);
            throw e;
        }
        resolved = resolve();
    }

    /** Resolves {@code spec}; on error nothing stays held. */
    public static RunPlan resolve(RunSpec spec, ComponentSource registry) {
        return new RunPlan(spec, registry);
    }

    private <T extends Component> Part<T> part(ComponentSource registry, RunSpec spec, Class<T> type, String name,
            String prefix) {
        Found<T> found;
        try {
            found = registry.find(type, name);
        } catch (org.gradflow.api.component.UnknownComponentException e) {
            throw e.withKey(prefix.substring(0, prefix.length() - 1));
        }
        try {
            return adopt(new Part<>(found, prefix, Settings.validate(prefix, spec.withPrefix(prefix),
                    found.service().parameters())));
        } catch (RuntimeException e) {
            registry.release(found);
            throw e;
        }
    }

    private <T> Part<T> adopt(Part<T> part) {
        parts.add(part);
        return part;
    }

    private void checkNoStrayKeys(RunSpec spec) {
        List<String> known = new ArrayList<>();
        for (ParameterSpec key : CoreKeys.ALL) {
            known.add(key.name());
        }
        for (Part<?> p : parts) {
            for (ParameterSpec key : ((Component) p.service()).parameters()) {
                known.add(p.prefix() + key.name());
            }
        }
        activationOverrides.keySet().forEach(i -> known.add("layer." + i + ".activation"));
        normalizationOverrides.keySet().forEach(i -> known.add("layer." + i + ".normalization"));
        for (String key : spec.values().keySet()) {
            boolean underPart = parts.stream().anyMatch(p -> key.startsWith(p.prefix()));
            ParameterSpec owner = OPTIONAL.stream().filter(o -> key.startsWith(o.name() + ".")).findFirst().orElse(null);
            if (owner != null && !known.contains(key) && !underPart) {
                if ("none".equals(core.text(owner))) {
                    continue; // switched off on purpose: its settings are ignored and left out of the resolved spec
                }
                throw new ConfigurationException("'" + key + "' is a setting of the " + owner.name() + " component, but "
                        + owner.name() + " is not set; choose one (" + owner.name() + "=<name>, see 'components'), "
                        + "remove the key, or set " + owner.name() + "=none to ignore its settings");
            }
            if (!known.contains(key) && !underPart) {
                String suggestion = closest(key, known);
                throw new ConfigurationException("unknown key '" + key + "'"
                        + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
                        + " See docs/run-spec.md for every key, or 'components' for component parameters.");
            }
        }
    }

    /** Core keys naming an optional component; {@code none} (or empty) switches it off. */
    private static final List<ParameterSpec> OPTIONAL = List.of(CoreKeys.CLIPPER, CoreKeys.SCHEDULE, CoreKeys.PRETRAIN,
            CoreKeys.NORMALIZATION, CoreKeys.DIAGNOSIS);

    private static boolean off(String name) {
        return name == null || name.isBlank() || name.equals("none");
    }

    private static String closest(String key, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Every key with defaults filled in: re-running this spec reproduces the run. */
    private Map<String, String> resolve() {
        Map<String, String> out = new TreeMap<>();
        for (ParameterSpec key : CoreKeys.ALL) {
            Object v = core.given().get(key.name());
            String value = v != null ? text(v) : key.defaultValue();
            if (value != null && !value.isEmpty()) {
                out.put(key.name(), value);
            }
        }
        out.put(CoreKeys.BACKEND.name(), backend.found().name());
        activationOverrides.forEach((i, p) -> out.put("layer." + i + ".activation", p.found().name()));
        normalizationOverrides.forEach((i, p) -> out.put("layer." + i + ".normalization", p == null ? "none" : p.found().name()));
        for (Part<?> p : parts) {
            for (ParameterSpec key : ((Component) p.service()).parameters()) {
                Object v = p.settings().given().get(key.name());
                String value = v != null ? text(v) : key.defaultValue();
                if (value != null) {
                    out.put(p.prefix() + key.name(), value);
                }
            }
        }
        return out;
    }

    private static String text(Object v) {
        return v instanceof Double ? Double.toString((Double) v) : String.valueOf(v);
    }

    public Settings core() {
        return core;
    }

    /** The resolved spec, sorted by key. */
    public Map<String, String> resolvedSpec() {
        return resolved;
    }

    /** Every component this run uses. */
    public List<Part<?>> parts() {
        return parts;
    }

    /** Releases every component registration the plan holds. */
    public void release(ComponentSource registry) {
        for (Part<?> p : parts) {
            registry.release(p.found());
        }
    }
}
