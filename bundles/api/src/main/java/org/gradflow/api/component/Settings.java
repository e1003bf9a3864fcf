package org.gradflow.api.component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The validated parameter values of one component in one run. Made by {@link #validate}, which checks
 * every given key against the component's {@link ParameterSpec}s; reading a declared parameter that
 * was not given returns its default. Immutable.
 */
public final class Settings {
    private static final Settings EMPTY = new Settings("", Map.of());

    private final String prefix;
    private final Map<String, Object> values;

    private Settings(String prefix, Map<String, Object> values) {
        this.prefix = prefix;
        this.values = values;
    }

    /** No values given: every read returns the default. */
    public static Settings empty() {
        return EMPTY;
    }

    /**
     * Checks {@code given} (keys without prefix) against {@code specs}.
     *
     * @param prefix how the keys appear in a run spec, for messages, e.g. {@code "optimizer."}
     * @throws ConfigurationException for an unknown key (listing the known ones) or a bad value
     */
    public static Settings validate(String prefix, Map<String, String> given, Collection<ParameterSpec> specs) {
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            byName.put(spec.name(), spec);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            ParameterSpec spec = byName.get(e.getKey());
            if (spec == null) {
                throw new ConfigurationException("unknown key '" + prefix + e.getKey() + "'; "
                        + (byName.isEmpty() ? "this component takes no parameters"
                                : "known keys: " + String.join(", ", withPrefix(prefix, byName.keySet()))));
            }
            values.put(spec.name(), spec.parse(prefix + e.getKey(), e.getValue()));
        }
        return new Settings(prefix, Map.copyOf(values));
    }

    private static List<String> withPrefix(String prefix, Collection<String> names) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String n : names) {
            sorted.add(prefix + n);
        }
        return List.copyOf(sorted);
    }

    /** The key as the user writes it in a run spec, e.g. {@code activation.min}: for error messages. */
    public String key(ParameterSpec spec) {
        return prefix + spec.name();
    }

    /** Values given in the spec, without defaults. */
    public Map<String, Object> given() {
        return values;
    }

    public double real(ParameterSpec spec) {
        return ((Number) value(spec, ParameterSpec.Type.REAL, ParameterSpec.Type.INTEGER)).doubleValue();
    }

    public int integer(ParameterSpec spec) {
        return Math.toIntExact(((Number) value(spec, ParameterSpec.Type.INTEGER)).longValue());
    }

    public boolean flag(ParameterSpec spec) {
        return (Boolean) value(spec, ParameterSpec.Type.BOOLEAN);
    }

    /** A CHOICE or TEXT value; {@code null} for a TEXT parameter with no default that was not given. */
    public String text(ParameterSpec spec) {
        return (String) value(spec, ParameterSpec.Type.CHOICE, ParameterSpec.Type.TEXT);
    }

    private Object value(ParameterSpec spec, ParameterSpec.Type... allowed) {
        if (!List.of(allowed).contains(spec.type())) {
            throw new IllegalArgumentException(spec.name() + " is " + spec.type() + ", not " + List.of(allowed));
        }
        Object v = values.get(spec.name());
        if (v != null) {
            return v;
        }
        return spec.defaultValue() == null ? null : spec.parse(prefix + spec.name(), spec.defaultValue());
    }

    @Override
    public String toString() {
        return prefix + values;
    }
}
