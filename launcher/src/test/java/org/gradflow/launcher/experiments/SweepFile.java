package org.gradflow.launcher.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.run.RunSpec;

/**
 * A sweep file of {@code config/experiments/}, read the way {@code gradflow:compare} reads it (the
 * shell's {@code Sweep}, which is private to its bundle): {@code base = <spec.cfg>} relative to the
 * repository root, optional {@code set = k=v ...} for every run, and {@code variant.<label> = k=v ...}.
 * The benchmark runs exactly what a user runs with {@code ./gradflow compare <file>}, once per seed.
 *
 * @param variants the runs by label, base first ({@code "base"}), then the variants in file order
 */
record SweepFile(Path file, Map<String, RunSpec> variants) {
    static SweepFile load(Path repository, String name) {
        Path file = repository.resolve("config/experiments").resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sweep file " + file, e);
        }
        String base = null;
        RunSpec set = RunSpec.fromArguments(List.of());
        Map<String, RunSpec> variations = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.equals("base")) {
                base = value;
            } else if (key.equals("set")) {
                set = settings(value);
            } else if (key.startsWith("variant.")) {
                variations.put(key.substring("variant.".length()), settings(value));
            } else {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "'");
            }
        }
        if (base == null) {
            throw new IllegalArgumentException(file + " has no 'base = <spec.cfg>' line");
        }
        RunSpec baseSpec = RunSpec.load(repository.resolve(base)).with(set);
        Map<String, RunSpec> variants = new LinkedHashMap<>();
        variants.put("base", baseSpec);
        variations.forEach((label, v) -> variants.put(label, baseSpec.with(v)));
        return new SweepFile(file, variants);
    }

    private static RunSpec settings(String words) {
        return RunSpec.fromArguments(words.isBlank() ? List.of() : Arrays.asList(words.split("\\s+")));
    }
}
