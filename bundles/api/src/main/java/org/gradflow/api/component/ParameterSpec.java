package org.gradflow.api.component;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One parameter of a component, declared once: name, description, type, default and allowed values.
 * The same declaration validates user input, fills in the default and prints the help line.
 *
 * <pre>
 * static final ParameterSpec LR = ParameterSpec.real("lr", 0.01, "learning rate").positive();
 * static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0.9, "momentum coefficient").within(0, 1);
 * </pre>
 */
public final class ParameterSpec {
    /** The value types a parameter can have. */
    public enum Type { REAL, INTEGER, BOOLEAN, CHOICE, TEXT }

    private final String name;
    private final Type type;
    private final String defaultValue;
    private final String description;
    private final double min;
    private final boolean minInclusive;
    private final double max;
    private final boolean maxInclusive;
    private final List<String> choices;

    private ParameterSpec(String name, Type type, String defaultValue, String description, double min,
            boolean minInclusive, double max, boolean maxInclusive, List<String> choices) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.min = min;
        this.minInclusive = minInclusive;
        this.max = max;
        this.maxInclusive = maxInclusive;
        this.choices = List.copyOf(choices);
    }

    /** A real number, unbounded until restricted with {@link #positive()}, {@link #within} and friends. */
    public static ParameterSpec real(String name, double defaultValue, String description) {
        return new ParameterSpec(name, Type.REAL, format(defaultValue), description,
                Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, List.of());
    }

    /** An integer, unbounded until restricted. */
    public static ParameterSpec integer(String name, long defaultValue, String description) {
        return new ParameterSpec(name, Type.INTEGER, Long.toString(defaultValue), description,
                Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, List.of());
    }

    /** {@code true} or {@code false}. */
    public static ParameterSpec flag(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, Type.BOOLEAN, Boolean.toString(defaultValue), description,
                0, true, 0, true, List.of());
    }

    /** One of a fixed set of words; the first is not implied, give the default explicitly. */
    public static ParameterSpec choice(String name, String defaultValue, String description, String... choices) {
        if (!List.of(choices).contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' of " + name + " is not a choice");
        }
        return new ParameterSpec(name, Type.CHOICE, defaultValue, description,
                0, true, 0, true, List.of(choices));
    }

    /** Free text (a path, a list); {@code defaultValue} may be {@code null} for "not set". */
    public static ParameterSpec text(String name, String defaultValue, String description) {
        return new ParameterSpec(name, Type.TEXT, defaultValue, description,
                0, true, 0, true, List.of());
    }

    /** Restricts to values &gt; 0. */
    public ParameterSpec positive() {
        return range(0, false, max, maxInclusive);
    }

    /** Restricts to values &ge; 0. */
    public ParameterSpec nonNegative() {
        return range(0, true, max, maxInclusive);
    }

    /** Restricts to values &ge; {@code lower}. */
    public ParameterSpec atLeast(double lower) {
        return range(lower, true, max, maxInclusive);
    }

    /** Restricts to {@code [lower, upper]}. */
    public ParameterSpec within(double lower, double upper) {
        return range(lower, true, upper, true);
    }

    /** Restricts to {@code [lower, upper)}. */
    public ParameterSpec withinExcludingUpper(double lower, double upper) {
        return range(lower, true, upper, false);
    }

    private ParameterSpec range(double lo, boolean loIn, double hi, boolean hiIn) {
        if (type != Type.REAL && type != Type.INTEGER) {
            throw new IllegalStateException(name + " is not numeric");
        }
        return new ParameterSpec(name, type, defaultValue, description, lo, loIn, hi, hiIn, choices);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The default as the user would type it, or {@code null} when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public List<String> choices() {
        return choices;
    }

    /** The allowed values in words: {@code (0, inf)}, {@code [0, 1]}, {@code one of a|b}, ... */
    public String allowed() {
        switch (type) {
            case REAL:
            case INTEGER:
                return (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")")
                        + (type == Type.INTEGER ? " (integer)" : "");
            case BOOLEAN:
                return "true|false";
            case CHOICE:
                return "one of " + String.join("|", choices);
            default:
                return "text";
        }
    }

    /**
     * Parses and checks one value.
     *
     * @param key the full key as the user wrote it (for the message), e.g. {@code optimizer.lr}
     * @return a Double, Long, Boolean or String
     * @throws ConfigurationException naming the key, the value and the allowed range
     */
    public Object parse(String key, String raw) {
        String value = raw == null ? null : raw.trim();
        if (type == Type.TEXT && value != null) {
            return value;
        }
        if (value == null || value.isEmpty()) {
            throw invalid(key, raw, "a value is required");
        }
        switch (type) {
            case REAL: {
                double d;
                try {
                    d = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw invalid(key, raw, "not a number");
                }
                checkRange(key, raw, d);
                return d;
            }
            case INTEGER: {
                long l;
                try {
                    l = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw invalid(key, raw, "not an integer");
                }
                checkRange(key, raw, l);
                return l;
            }
            case BOOLEAN:
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
                }
                throw invalid(key, raw, "not a boolean");
            case CHOICE:
                if (choices.contains(value)) {
                    return value;
                }
                throw invalid(key, raw, "not a known choice");
            default:
                return value;
        }
    }

    private void checkRange(String key, String raw, double d) {
        boolean ok = !Double.isNaN(d)
                && (minInclusive ? d >= min : d > min)
                && (maxInclusive ? d <= max : d < max);
        if (!ok) {
            throw invalid(key, raw, "out of range");
        }
    }

    private ConfigurationException invalid(String key, String raw, String why) {
        return new ConfigurationException(key + "=" + raw + " is invalid (" + why + "): allowed " + allowed()
                + (description == null || description.isEmpty() ? "" : "; " + key + " is the " + description)
                + (defaultValue == null ? "" : ", default " + defaultValue));
    }

    static String format(double d) {
        if (d == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    @Override
    public String toString() {
        return name + " = " + defaultValue + "  " + allowed() + "  " + description;
    }
}
