package org.gradflow.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges JMH CSV results ({@code -rf csv}) into one markdown table: a row per engine and case, a column per
 * thread count, and under each case a ratio row per Gradflow engine, "Gradflow time / DL4J time" at the
 * same thread count (below 1: Gradflow is faster).
 *
 * <p>A case is the work being timed: {@code gemm <shape>} or {@code train <model>}, plus any parameter
 * other than {@code threads}, {@code backend} and {@code precision}. The engine is "DL4J" for the
 * benchmarks in {@code org.gradflow.benchmarks.dl4j}, "Gradflow backend precision" for the
 * {@code Gradflow*} ones. A Gradflow case with no DL4J row of its own is compared with the DL4J case its
 * name extends ({@code train mlp-relu-diagnostics-off} with {@code train mlp-relu}). GEMM cells also give
 * GFLOP/s, {@code 2mnk / time} ({@link GemmShape}). Missing results print as "–".
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.gradflow.benchmarks.PerformanceTable threads-1.csv threads-2.csv}
 */
public final class PerformanceTable {
    private static final String DL4J = "DL4J";
    private static final String MISSING = "–";

    /** One primary JMH result: score and its 99.9% error in {@code unit}, e.g. "ms/op". */
    record Result(String benchmark, Map<String, String> params, double score, double error, String unit) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }

        String engine() {
            String simpleClass = benchmark.substring(0, benchmark.lastIndexOf('.'));
            simpleClass = simpleClass.substring(simpleClass.lastIndexOf('.') + 1);
            if (benchmark.contains(".dl4j.")) {
                return DL4J;
            }
            if (simpleClass.startsWith("Gradflow")) {
                return ("Gradflow " + param("backend") + " " + param("precision")).trim();
            }
            return simpleClass;
        }

        String caseKey() {
            StringBuilder key = new StringBuilder();
            if (params.containsKey("shape")) {
                key.append("gemm ").append(param("shape"));
            } else if (params.containsKey("model")) {
                key.append("train ").append(param("model"));
            } else {
                key.append(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1));
            }
            params.forEach((name, value) -> {
                if (!Set.of("threads", "backend", "precision", "shape", "model").contains(name)) {
                    key.append(' ').append(name).append('=').append(value);
                }
            });
            return key.toString();
        }

        /** Nanoseconds per operation, or NaN when the unit is not a time per operation. */
        double nanosPerOp() {
            if (!unit.endsWith("/op")) {
                return Double.NaN;
            }
            return switch (unit.substring(0, unit.length() - 3)) {
                case "s" -> score * 1e9;
                case "ms" -> score * 1e6;
                case "us" -> score * 1e3;
                case "ns" -> score;
                default -> Double.NaN;
            };
        }
    }

    private PerformanceTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: PerformanceTable <jmh-result.csv>... (e.g. target/jmh/threads-1.csv target/jmh/threads-2.csv)");
            System.exit(2);
        }
        // case (by name, so variants follow their base) -> engine (DL4J first) -> column -> result
        Map<String, Map<String, Map<String, Result>>> table = new TreeMap<>();
        Set<String> columns = new LinkedHashSet<>();
        for (String file : args) {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                System.err.println("PerformanceTable: no " + file + ", skipped");
                continue;
            }
            for (Result r : read(path)) {
                String column = r.params().containsKey("threads")
                        ? "threads=" + r.param("threads") : path.getFileName().toString();
                columns.add(column);
                table.computeIfAbsent(r.caseKey(), k -> new TreeMap<>(PerformanceTable::engineOrder))
                        .computeIfAbsent(r.engine(), k -> new LinkedHashMap<>())
                        .put(column, r);
            }
        }
        System.out.print(format(table, new ArrayList<>(columns)));
    }

    /** DL4J first, then the Gradflow engines by name. */
    private static int engineOrder(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        return x.equals(DL4J) ? -1 : y.equals(DL4J) ? 1 : x.compareTo(y);
    }

    static String format(Map<String, Map<String, Map<String, Result>>> table, List<String> columns) {
        StringBuilder out = new StringBuilder("| case | engine |");
        columns.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append("\n|---|---|").append("---:|".repeat(columns.size())).append('\n');
        table.forEach((caseKey, engines) -> {
            engines.forEach((engine, cells) -> {
                out.append("| ").append(caseKey).append(" | ").append(engine).append(" |");
                columns.forEach(c -> out.append(' ').append(cell(cells.get(c))).append(" |"));
                out.append('\n');
            });
            String referenceCase = referenceCase(caseKey, table);
            if (referenceCase == null) {
                return;
            }
            Map<String, Result> reference = table.get(referenceCase).get(DL4J);
            String against = referenceCase.equals(caseKey) ? DL4J : DL4J + " " + referenceCase;
            engines.forEach((engine, cells) -> {
                if (engine.equals(DL4J)) {
                    return;
                }
                out.append("| ").append(caseKey).append(" | ").append(engine).append(" / ").append(against).append(" |");
                columns.forEach(c -> out.append(' ').append(ratio(cells.get(c), reference.get(c))).append(" |"));
                out.append('\n');
            });
        });
        return out.toString();
    }

    /** The case with this key's DL4J result, else the longest DL4J case that this key extends with "-...". */
    private static String referenceCase(String caseKey, Map<String, Map<String, Map<String, Result>>> table) {
        String best = null;
        for (var entry : table.entrySet()) {
            String key = entry.getKey();
            boolean matches = key.equals(caseKey) || caseKey.startsWith(key + "-");
            if (matches && entry.getValue().containsKey(DL4J) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best;
    }

    private static String cell(Result r) {
        if (r == null) {
            return MISSING;
        }
        String text = number(r.score()) + (Double.isNaN(r.error()) ? "" : " ± " + number(r.error())) + " " + r.unit();
        double nanos = r.nanosPerOp();
        if (r.params().containsKey("shape") && !Double.isNaN(nanos)) {
            try {
                text += String.format(Locale.ROOT, " (%.1f GFLOP/s)", GemmShape.parse(r.param("shape")).flops() / nanos);
            } catch (IllegalArgumentException unknownShape) {
                // a label that is not FORM_mxk*kxn: no GFLOP/s
            }
        }
        return text;
    }

    private static String ratio(Result gradflow, Result dl4j) {
        if (gradflow == null || dl4j == null) {
            return MISSING;
        }
        double ratio = gradflow.nanosPerOp() / dl4j.nanosPerOp();
        return Double.isNaN(ratio) ? MISSING : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    /** Three significant digits, no exponent. */
    private static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "?";
        }
        int decimals = x == 0 ? 0 : Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(x))));
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }

    /** The primary results of one JMH CSV file (secondary ones, "benchmark:·gc.alloc.rate", are skipped). */
    static List<Result> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<Result> results = new ArrayList<>();
        if (lines.isEmpty()) {
            return results;
        }
        List<String> header = fields(lines.get(0));
        int benchmark = header.indexOf("Benchmark");
        int score = header.indexOf("Score");
        int unit = header.indexOf("Unit");
        int error = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("Score Error")) {
                error = i;
            }
        }
        if (benchmark < 0 || score < 0 || unit < 0) {
            throw new IOException(csv + " is not a JMH CSV result (-rf csv): header " + header);
        }
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() < header.size() || f.get(benchmark).contains(":")) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).startsWith("Param: ") && !f.get(i).isEmpty()) {
                    params.put(header.get(i).substring("Param: ".length()), f.get(i));
                }
            }
            results.add(new Result(f.get(benchmark), params, parse(f.get(score)),
                    error < 0 ? Double.NaN : parse(f.get(error)), f.get(unit)));
        }
        return results;
    }

    private static double parse(String number) {
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The fields of one CSV line; quoted fields may hold commas and doubled quotes. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
