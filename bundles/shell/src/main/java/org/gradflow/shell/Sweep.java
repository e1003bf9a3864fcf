package org.gradflow.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.gradflow.api.component.GradflowException;
import org.gradflow.api.run.RunSpec;

/**
 * A base run and its variations, all with the base's seed and data, from the command line or from a
 * sweep file ({@code config/experiments/*.cfg}):
 *
 * <pre>
 * # what the comparison shows
 * base = config/runs/deep-sigmoid.cfg         spec file: relative to the working directory, or to the
 *                                             sweep file's folder or one of its ancestors
 * set = epochs=1                              optional, applied to the base and every variation
 * variant.relu = activation=relu initializer=he-normal
 * variant.batch-norm = normalization=batch-norm
 * </pre>
 *
 * On the command line: {@code compare <base.cfg> "<key=value ...>" ...}, each quoted argument one
 * variation; {@code --set "<key=value ...>"} applies to all.
 */
record Sweep(String title, List<Variant> variants) {
    /** One run of the comparison: a label (the base is called "base") and its full spec. */
    record Variant(String label, RunSpec spec) {
    }

    static Sweep fromWords(List<String> words) {
        if (words.isEmpty()) {
            throw usage("nothing to compare");
        }
        List<String> args = new ArrayList<>(words);
        String set = "";
        int at = args.indexOf("--set");
        if (at >= 0) {
            if (at + 1 >= args.size()) {
                throw usage("--set needs a quoted list of key=value settings");
            }
            set = args.remove(at + 1);
            args.remove(at);
        }
        Path first = Path.of(args.get(0));
        if (args.size() == 1 && Files.isRegularFile(first) && isSweepFile(first)) {
            return load(first);
        }
        if (args.get(0).contains("=")) {
            throw usage("the first argument must be the base spec file, got '" + args.get(0) + "'");
        }
        RunSpec base = RunSpec.load(first).with(settings(set));
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("base", base));
        for (String variation : args.subList(1, args.size())) {
            variants.add(new Variant(variation.strip(), base.with(settings(variation))));
        }
        if (variants.size() < 2) {
            throw usage("give at least one variation");
        }
        return new Sweep(first.getFileName() + " with " + (variants.size() - 1) + " variations", variants);
    }

    private static boolean isSweepFile(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .anyMatch(l -> l.startsWith("base") && l.substring(4).strip().startsWith("="));
        } catch (IOException e) {
            throw new GradflowException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static Sweep load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GradflowException("cannot read sweep file " + file + ": " + e.getMessage());
        }
        String base = null;
        String set = "";
        List<String[]> variations = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new GradflowException(file + ":" + (i + 1) + ": expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.equals("base")) {
                base = value;
            } else if (key.equals("set")) {
                set = value;
            } else if (key.startsWith("variant.") && key.length() > "variant.".length()) {
                variations.add(new String[] {key.substring("variant.".length()), value});
            } else {
                throw new GradflowException(file + ":" + (i + 1) + ": unknown key '" + key
                        + "'; a sweep file has base = <spec.cfg>, optional set = <key=value ...>, and variant.<label> = <key=value ...>");
            }
        }
        if (base == null || variations.isEmpty()) {
            throw new GradflowException(file + ": a sweep file needs a 'base = <spec.cfg>' line and at least one "
                    + "'variant.<label> = <key=value ...>' line");
        }
        RunSpec baseSpec = RunSpec.load(resolve(file, base)).with(settings(set));
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("base", baseSpec));
        for (String[] v : variations) {
            variants.add(new Variant(v[0], baseSpec.with(settings(v[1]))));
        }
        return new Sweep(file.getFileName().toString(), variants);
    }

    /**
     * The base spec named in a sweep file: as given (absolute, or relative to the working directory), else
     * relative to the sweep file's folder or one of its ancestors, so that {@code base =
     * config/experiments/specs/x.cfg} works from any working directory.
     */
    static Path resolve(Path sweepFile, String base) {
        Path given = Path.of(base);
        if (given.isAbsolute() || Files.exists(given)) {
            return given;
        }
        for (Path dir = sweepFile.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(base))) {
                return dir.resolve(base);
            }
        }
        return given; // RunSpec.load names the missing file
    }

    private static RunSpec settings(String text) {
        List<String> words = text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
        return RunSpec.fromArguments(words);
    }

    private static GradflowException usage(String problem) {
        return new GradflowException(problem + ". Usage: compare <base.cfg> \"<key=value ...>\" [\"<key=value ...>\" ...] "
                + "[--set \"<key=value ...>\"], or compare <sweep.cfg> (see config/experiments/)");
    }
}
