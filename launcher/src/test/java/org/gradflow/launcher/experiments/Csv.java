package org.gradflow.launcher.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The files of a run folder, read as a user would read them: one map per row, keyed by the header.
 * Fields may be quoted ({@code verdicts.csv} quotes its evidence and remedies); a quote inside a quoted
 * field is written twice.
 */
final class Csv {
    private final Path file;
    private final List<Map<String, String>> rows;

    private Csv(Path file, List<Map<String, String>> rows) {
        this.file = file;
        this.rows = rows;
    }

    /** Reads {@code <dir>/<name>}; a missing file is an assertion-worthy error, so it throws. */
    static Csv read(Path dir, String name) {
        Path file = dir.resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException(file + " is empty; it should start with a header line");
        }
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> values = fields(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < values.size() ? values.get(i) : "");
            }
            rows.add(row);
        }
        return new Csv(file, rows);
    }

    /** Splits one line at commas outside double quotes; {@code ""} inside quotes is one quote. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    static boolean exists(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name));
    }

    List<Map<String, String>> rows() {
        return rows;
    }

    List<Map<String, String>> where(Predicate<Map<String, String>> condition) {
        return rows.stream().filter(condition).toList();
    }

    /** The one row matching {@code condition}; throws naming the file when there is none. */
    Map<String, String> only(Predicate<Map<String, String>> condition, String what) {
        List<Map<String, String>> found = where(condition);
        if (found.size() != 1) {
            throw new IllegalStateException(file + ": expected one row for " + what + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The largest value of an integer column, e.g. the last recorded {@code step}. */
    long max(String column) {
        return rows.stream().mapToLong(r -> Long.parseLong(r.get(column))).max()
                .orElseThrow(() -> new IllegalStateException(file + " has no rows"));
    }

    static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    // ---- the run files, by what the experiments read from them ----

    /** {@code gradients.csv}: {@code grad_l2} of one parameter at one step. */
    static double gradL2(Path run, long step, String layer, String parameter) {
        return number(read(run, "gradients.csv").only(r -> Long.parseLong(r.get("step")) == step
                && r.get("layer").equals(layer) && r.get("parameter").equals(parameter),
                "step " + step + " " + layer + "." + parameter), "grad_l2");
    }

    /** {@code gradients.csv}: the layers that have a parameter of this name at this step, in network order. */
    static List<String> layersWith(Path run, long step, String parameter) {
        return read(run, "gradients.csv").where(r -> Long.parseLong(r.get("step")) == step
                && r.get("parameter").equals(parameter)).stream().map(r -> r.get("layer")).toList();
    }

    /** {@code time-gradients.csv}: {@code ||dL/dh_t||} by t for one layer at one step. */
    static TreeMap<Integer, Double> stateGradients(Path run, long step, String layer) {
        TreeMap<Integer, Double> byTime = new TreeMap<>();
        for (Map<String, String> r : read(run, "time-gradients.csv").where(r -> Long.parseLong(r.get("step")) == step
                && r.get("layer").equals(layer))) {
            byTime.put(Integer.parseInt(r.get("t")), number(r, "state_grad_l2"));
        }
        if (byTime.isEmpty()) {
            throw new IllegalStateException(run.resolve("time-gradients.csv") + " has no rows for " + layer + " at step " + step);
        }
        return byTime;
    }

    /** {@code time-gradients.csv}: {@code ||dL/dh_0|| / ||dL/dh_{T-1}||} for one layer at one step. */
    static double firstToLastInTime(Path run, long step, String layer) {
        TreeMap<Integer, Double> g = stateGradients(run, step, layer);
        return g.firstEntry().getValue() / g.lastEntry().getValue();
    }

    /** {@code metrics.csv}: the rows of back-propagation epochs ({@code phase=train}), in order. */
    static List<Map<String, String>> trainEpochs(Path run) {
        return read(run, "metrics.csv").where(r -> r.get("phase").equals("train"));
    }

    /** {@code metrics.csv}: a column of the last back-propagation epoch. */
    static double lastEpoch(Path run, String column) {
        List<Map<String, String>> epochs = trainEpochs(run);
        if (epochs.isEmpty()) {
            throw new IllegalStateException(run.resolve("metrics.csv") + " has no train rows; did the run fail?");
        }
        return number(epochs.get(epochs.size() - 1), column);
    }

    /** {@code verdicts.csv}: the verdict rows by step (a step may have only one). */
    static TreeMap<Long, Map<String, String>> verdicts(Path run) {
        TreeMap<Long, Map<String, String>> byStep = new TreeMap<>();
        for (Map<String, String> r : read(run, "verdicts.csv").rows()) {
            byStep.put(Long.parseLong(r.get("step")), r);
        }
        return byStep;
    }
}
