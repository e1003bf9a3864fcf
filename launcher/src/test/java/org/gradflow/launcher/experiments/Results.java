package org.gradflow.launcher.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmark's result table: one row per criterion, seed and measurement. Rows are kept in the order
 * they were recorded; {@link #write} renders all of them as markdown, first grouped by criterion (the
 * three seeds side by side), then one row per seed with the run it came from.
 */
final class Results {
    enum Outcome {
        PASS, FAIL, INFO
    }

    /**
     * @param seed      the run's seed, or 0 where the row is not about one seed
     * @param measured  the value as reported, already formatted
     * @param threshold what the claim requires, in words or as an inequality
     * @param run       the run id(s) the value was read from
     */
    record Row(String experiment, String criterion, int seed, String measured, String threshold, Outcome outcome,
            String run) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void check(String experiment, String criterion, int seed, String measured, String threshold,
            boolean pass, String run) {
        rows.add(new Row(experiment, criterion, seed, measured, threshold, pass ? Outcome.PASS : Outcome.FAIL, run));
    }

    synchronized void info(String experiment, String what, int seed, String measured, String run) {
        rows.add(new Row(experiment, what, seed, measured, "-", Outcome.INFO, run));
    }

    synchronized List<Row> of(String experiment) {
        return rows.stream().filter(r -> r.experiment().equals(experiment)).toList();
    }

    /** The failed rows of one experiment, one line each, for the assertion message. */
    synchronized List<String> failures(String experiment) {
        return of(experiment).stream().filter(r -> r.outcome() == Outcome.FAIL)
                .map(r -> r.criterion() + " (seed " + r.seed() + "): measured " + r.measured() + ", required " + r.threshold())
                .toList();
    }

    /** Renders every row recorded so far and writes it to {@code file}; returns the text. */
    synchronized String write(Path file, String preamble) {
        StringBuilder md = new StringBuilder(preamble);
        md.append("\n## Criteria (seeds 1 / 2 / 3)\n\n");
        md.append("| experiment | criterion | threshold | measured (seed 1 / 2 / 3) | result |\n");
        md.append("|---|---|---|---|---|\n");
        Map<List<String>, List<Row>> byCriterion = new LinkedHashMap<>();
        for (Row r : rows) {
            byCriterion.computeIfAbsent(List.of(r.experiment(), r.criterion(), r.threshold()), k -> new ArrayList<>()).add(r);
        }
        byCriterion.forEach((key, group) -> md.append("| ").append(cell(key.get(0))).append(" | ").append(cell(key.get(1)))
                .append(" | ").append(cell(key.get(2))).append(" | ")
                .append(cell(group.stream().map(Row::measured).collect(Collectors.joining(" / ")))).append(" | ")
                .append(summary(group)).append(" |\n"));
        md.append("\n## Every measurement\n\n");
        md.append("| experiment | criterion | seed | measured | threshold | result | run |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(cell(r.experiment())).append(" | ").append(cell(r.criterion())).append(" | ")
                    .append(r.seed() == 0 ? "-" : String.valueOf(r.seed())).append(" | ").append(cell(r.measured()))
                    .append(" | ").append(cell(r.threshold())).append(" | ").append(r.outcome()).append(" | ")
                    .append(cell(r.run())).append(" |\n");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return md.toString();
    }

    /** PASS when every seed passed, FAIL naming the seeds that failed, INFO for measurements without a claim. */
    private static String summary(List<Row> group) {
        if (group.stream().allMatch(r -> r.outcome() == Outcome.INFO)) {
            return "info";
        }
        List<String> failed = group.stream().filter(r -> r.outcome() == Outcome.FAIL)
                .map(r -> r.seed() == 0 ? "-" : String.valueOf(r.seed())).toList();
        return failed.isEmpty() ? "PASS" : "**FAIL** (seed " + String.join(", ", failed) + ")";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    // ---- number formatting shared by the experiments ----

    /** 4 significant digits; scientific below 1e-3 and from 1e5 on. */
    static String num(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return String.valueOf(x);
        }
        double a = Math.abs(x);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", x) : String.format(Locale.ROOT, "%.4g", x);
    }
}
