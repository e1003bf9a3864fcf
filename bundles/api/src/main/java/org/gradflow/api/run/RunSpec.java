package org.gradflow.api.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gradflow.api.component.ConfigurationException;

/**
 * What a run should do, as the user wrote it: one {@code key=value} per setting, components by name
 * ({@code activation=relu}), their parameters under the component's prefix ({@code optimizer.lr=0.01}).
 * The core resolves it (fills defaults, checks every key) when the run starts. Immutable; keys sorted.
 *
 * <p>File syntax ({@code .cfg}): one {@code key=value} per line; blank lines and lines starting with
 * {@code #} are ignored; a key may appear once. Anything else is an error naming the file and line.
 */
public final class RunSpec {
    private final Map<String, String> values;

    private RunSpec(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static RunSpec of(Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            checkKey(e.getKey(), "key '" + e.getKey() + "'");
        }
        return new RunSpec(values);
    }

    /** Reads a {@code .cfg} file. */
    public static RunSpec load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("run spec file " + file + " does not exist; give a path to a .cfg file "
                    + "(see config/runs/ for examples) or key=value settings");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read run spec file " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), lines);
    }

    /** Parses {@code .cfg} text; {@code source} names it in messages. */
    public static RunSpec parse(String source, List<String> lines) {
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException(source + " line " + lineNo + ": expected key=value, got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            checkKey(key, source + " line " + lineNo + ": key '" + key + "'");
            Integer previous = firstLine.putIfAbsent(key, lineNo);
            if (previous != null) {
                throw new ConfigurationException(source + " line " + lineNo + ": key '" + key
                        + "' is already set on line " + previous + "; keep one");
            }
            values.put(key, value);
        }
        return new RunSpec(values);
    }

    /** Parses command-line words {@code key=value}. */
    public static RunSpec fromArguments(List<String> words) {
        Map<String, String> values = new HashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException("expected key=value, got '" + word + "'");
            }
            String key = word.substring(0, eq).strip();
            checkKey(key, "key '" + key + "'");
            values.put(key, word.substring(eq + 1).strip());
        }
        return new RunSpec(values);
    }

    private static void checkKey(String key, String where) {
        if (!key.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigurationException(where + " is not a valid key (letters, digits, '.', '-', '_')");
        }
    }

    /** This spec with {@code overrides} replacing or adding keys (command-line keys override the file's). */
    public RunSpec with(RunSpec overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(overrides.values);
        return new RunSpec(merged);
    }

    /** This spec with one key set. */
    public RunSpec with(String key, String value) {
        Map<String, String> merged = new TreeMap<>(values);
        checkKey(key, "key '" + key + "'");
        merged.put(key, value);
        return new RunSpec(merged);
    }

    /** All keys and values, sorted by key. */
    public Map<String, String> values() {
        return values;
    }

    public String get(String key) {
        return values.get(key);
    }

    /** Keys under {@code prefix}, with the prefix removed: {@code optimizer.lr} gives {@code lr}. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.put(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return out;
    }

    /** The spec in {@code .cfg} syntax, sorted by key. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunSpec && ((RunSpec) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
