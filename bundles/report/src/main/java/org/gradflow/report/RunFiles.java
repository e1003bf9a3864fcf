package org.gradflow.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.gradflow.api.run.EpochMetrics;
import org.gradflow.api.run.RunInfo;
import org.gradflow.report.RunData.Epoch;
import org.gradflow.report.RunData.Grad;
import org.gradflow.report.RunData.TimePoint;
import org.gradflow.report.RunData.VerdictRow;

/**
 * Loads a run folder into {@link RunData}. Every file may be missing, and while the run trains the CSV
 * files may end in a half-written line: whatever cannot be read becomes a note, never an exception
 * (except when the folder itself cannot be read).
 */
final class RunFiles {
    static final String METRICS = "metrics.csv";
    static final String GRADIENTS = "gradients.csv";
    static final String TIME_GRADIENTS = "time-gradients.csv";
    static final String VERDICTS = "verdicts.csv";
    static final String SPEC = "spec.cfg";
    static final String STATUS = "status.txt";

    private final Path dir;
    private final boolean live;
    private final List<String> notes = new ArrayList<>();

    private RunFiles(Path dir, boolean live) {
        this.dir = dir;
        this.live = live;
    }

    /** Reads the folder {@code run.directory()}; throws only if that folder is missing or unreadable. */
    static RunData load(RunInfo run) {
        if (run == null || run.directory() == null) {
            throw new IllegalArgumentException("the run has no folder to read (RunInfo.directory() is null)");
        }
        Path dir = Path.of(run.directory());
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("run " + run.id() + ": folder " + dir + " does not exist");
        }
        return new RunFiles(dir, run.state() == null || !run.state().isFinal()).read(run);
    }

    /** Like {@link #load}, but a run whose folder is missing becomes an empty row with a note. */
    static RunData loadOrNote(RunInfo run) {
        try {
            return load(run);
        } catch (IllegalArgumentException e) {
            String id = run == null || run.id() == null ? "(unnamed run)" : run.id();
            Map<String, String> spec = new TreeMap<>(run == null || run.spec() == null ? Map.of() : run.spec());
            return new RunData(id, run == null || run.state() == null ? "unknown" : run.state().name(),
                    run == null || run.message() == null ? "" : run.message(), List.of(), List.of(), List.of(), List.of(),
                    false, spec, Map.of(), 0, List.of(e.getMessage()));
        }
    }

    private RunData read(RunInfo run) {
        Map<String, String> statusFile = keyValues(STATUS);
        Map<String, String> status = statusFile == null ? Map.of() : statusFile;
        Map<String, String> spec = new TreeMap<>();
        if (run.spec() != null && !run.spec().isEmpty()) {
            spec.putAll(run.spec());
        } else {
            Map<String, String> file = keyValues(SPEC);
            if (file == null) {
                notes.add("no " + SPEC + " and no spec in the run's snapshot: the spec is not shown");
            } else {
                spec.putAll(file);
            }
        }

        List<Epoch> epochs = metrics(run);
        List<Grad> gradients = gradients();
        List<TimePoint> times = times();
        Csv.Table verdictTable = table(VERDICTS, live);
        List<VerdictRow> verdicts = verdictTable == null ? List.of() : verdicts(verdictTable);

        String state = run.state() != null ? run.state().name() : status.getOrDefault("state", "unknown");
        String message = run.message() != null && !run.message().isBlank() ? run.message()
                : status.getOrDefault("message", "");
        String id = run.id() != null ? run.id() : dir.getFileName().toString();
        return new RunData(id, state, message, epochs, gradients, times, verdicts, verdictTable != null, spec, status,
                stepsPerEpoch(run, spec, status), List.copyOf(notes));
    }

    /** Exact from the snapshot ({@code steps = stepsPerEpoch * epochs}); else from a completed run's files. */
    private static long stepsPerEpoch(RunInfo run, Map<String, String> spec, Map<String, String> status) {
        if (run.steps() > 0 && run.epochs() > 0) {
            return run.steps() / run.epochs();
        }
        try {
            if ("COMPLETED".equals(status.get("state"))) {
                long steps = Long.parseLong(status.getOrDefault("step", "").trim());
                int epochs = Integer.parseInt(spec.getOrDefault("epochs", "").trim());
                return epochs > 0 ? steps / epochs : 0;
            }
        } catch (NumberFormatException e) {
            // unknown
        }
        return 0;
    }

    private List<Epoch> metrics(RunInfo run) {
        Csv.Table t = table(METRICS, live);
        if (t == null) {
            if (run.history() != null && !run.history().isEmpty()) {
                notes.add("no " + METRICS + ": the epochs shown come from the run's snapshot");
                return run.history().stream().map(RunFiles::fromHistory).toList();
            }
            notes.add("no " + METRICS + " yet: no loss or accuracy curves");
            return List.of();
        }
        Columns c = new Columns(t, "epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy",
                "penalty", "seconds", "ms_per_step", "clip_rate");
        if (!c.usable(1)) {
            return List.of();
        }
        int phase = t.column("phase");
        List<Epoch> out = new ArrayList<>();
        for (Csv.Row r : t.rows()) {
            try {
                String p = phase < 0 ? "train" : r.get(phase).trim();
                out.add(new Epoch(p.isEmpty() ? "train" : p, (int) c.integer(r, 0), c.real(r, 1), c.real(r, 2),
                        c.real(r, 3), c.real(r, 4), c.real(r, 5), c.real(r, 6), c.real(r, 7), c.real(r, 8)));
            } catch (BadValue e) {
                c.skipped(r, e);
            }
        }
        c.summarize();
        return out;
    }

    private static Epoch fromHistory(EpochMetrics m) {
        return new Epoch("train", m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy(),
                m.penalty(), m.seconds(), m.msPerStep(), m.clipRate());
    }

    private List<Grad> gradients() {
        Csv.Table t = table(GRADIENTS, live);
        if (t == null) {
            notes.add("no " + GRADIENTS + " yet: no gradient charts");
            return List.of();
        }
        Columns c = new Columns(t, "step", "layer", "parameter", "grad_l2", "nonfinite");
        if (!c.usable(4)) {
            return List.of();
        }
        List<Grad> out = new ArrayList<>();
        for (Csv.Row r : t.rows()) {
            try {
                out.add(new Grad(c.integer(r, 0), c.text(r, 1), c.text(r, 2), c.real(r, 3),
                        c.has(4) ? c.integer(r, 4) : 0));
            } catch (BadValue e) {
                c.skipped(r, e);
            }
        }
        c.summarize();
        return out;
    }

    private List<TimePoint> times() {
        Csv.Table t = table(TIME_GRADIENTS, live);
        if (t == null) {
            return List.of();
        }
        Columns c = new Columns(t, "step", "layer", "t", "state_grad_l2");
        if (!c.usable(4)) {
            return List.of();
        }
        List<TimePoint> out = new ArrayList<>();
        for (Csv.Row r : t.rows()) {
            try {
                out.add(new TimePoint(c.integer(r, 0), c.text(r, 1), (int) c.integer(r, 2), c.real(r, 3)));
            } catch (BadValue e) {
                c.skipped(r, e);
            }
        }
        c.summarize();
        return out;
    }

    private List<VerdictRow> verdicts(Csv.Table t) {
        Columns c = new Columns(t, "step", "condition", "epoch", "evidence", "remedies");
        if (!c.usable(2)) {
            return List.of();
        }
        List<VerdictRow> out = new ArrayList<>();
        for (Csv.Row r : t.rows()) {
            try {
                int epoch = c.text(r, 2).isEmpty() ? -1 : (int) c.integer(r, 2);
                String remedies = c.text(r, 4);
                out.add(new VerdictRow(c.integer(r, 0), epoch, c.text(r, 1), c.text(r, 3),
                        remedies.isEmpty() ? List.of() : Arrays.stream(remedies.split(" \\| ")).map(String::strip).toList()));
            } catch (BadValue e) {
                c.skipped(r, e);
            }
        }
        c.summarize();
        return out;
    }

    /** The parsed file, or null when it does not exist. */
    private Csv.Table table(String name, boolean mayBeIncomplete) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        Csv.Table t = Csv.parse(name, text, mayBeIncomplete);
        notes.addAll(t.problems());
        return t;
    }

    /** {@code key=value} lines, {@code #} comments; null when the file does not exist. */
    private Map<String, String> keyValues(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            String s = line.strip();
            int eq = s.indexOf('=');
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("!")) {
                continue;
            }
            if (eq <= 0) {
                notes.add(name + ": line '" + Csv.abbreviate(s) + "' is not key=value; skipped");
                continue;
            }
            out.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
        }
        return out;
    }

    /** The file's text (bad UTF-8 replaced, not fatal), or null when it does not exist. */
    private String text(String name) {
        Path p = dir.resolve(name);
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            notes.add("cannot read " + name + ": " + e);
            return null;
        }
    }

    /** A value that is not what its column needs. */
    private static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /** Column look-up by header name, value parsing, and counting of skipped rows for one table. */
    private final class Columns {
        private final Csv.Table table;
        private final String[] names;
        private final int[] index;
        private int skipped;

        Columns(Csv.Table table, String... names) {
            this.table = table;
            this.names = names;
            this.index = Arrays.stream(names).mapToInt(table::column).toArray();
        }

        boolean has(int i) {
            return index[i] >= 0;
        }

        /**
         * Whether the first {@code required} columns exist; if not, notes which are missing. Later columns
         * that are missing read as NaN (numbers) or empty.
         */
        boolean usable(int required) {
            if (table.header().isEmpty()) {
                return false;
            }
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                if (index[i] < 0) {
                    missing.add(names[i]);
                }
            }
            boolean ok = true;
            for (int i = 0; i < required; i++) {
                ok &= index[i] >= 0;
            }
            if (!missing.isEmpty()) {
                notes.add(table.file() + " has no column " + String.join(", ", missing)
                        + (ok ? "" : ": the file is not used"));
            }
            return ok;
        }

        /** The field, stripped; "" when the column is missing. */
        String text(Csv.Row r, int i) {
            return r.get(index[i]).strip();
        }

        double real(Csv.Row r, int i) throws BadValue {
            if (index[i] < 0) {
                return Double.NaN;
            }
            String s = text(r, i);
            switch (s.toLowerCase(Locale.ROOT)) {
                case "", "nan", "-nan":
                    return Double.NaN;
                case "inf", "+inf", "infinity", "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new BadValue(names[i] + " '" + Csv.abbreviate(s) + "' is not a number");
            }
        }

        long integer(Csv.Row r, int i) throws BadValue {
            String s = text(r, i);
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new BadValue(names[i] + " '" + Csv.abbreviate(s) + "' is not a whole number");
            }
        }

        void skipped(Csv.Row r, BadValue e) {
            if (++skipped <= Csv.MAX_PROBLEMS) {
                notes.add(table.file() + " line " + r.line() + ": " + e.getMessage() + "; skipped");
            }
        }

        void summarize() {
            if (skipped > Csv.MAX_PROBLEMS) {
                notes.add(table.file() + ": " + (skipped - Csv.MAX_PROBLEMS) + " more lines with bad values skipped");
            }
        }
    }
}
