package org.gradflow.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.gradflow.api.health.Verdict;

/**
 * {@code verdicts.csv}: one row per health check, {@code step,epoch,condition,evidence,remedies}, the
 * text fields quoted as in RFC 4180 ({@code "} doubled), the remedies joined with {@code " | "}.
 */
final class VerdictLog implements AutoCloseable {
    static final String HEADER = "step,epoch,condition,evidence,remedies";

    private final Writer out;

    VerdictLog(Path file) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER + "\n");
    }

    void write(int epoch, Verdict v) throws IOException {
        out.write(String.format(Locale.ROOT, "%d,%d,%s,%s,%s%n", v.step(), epoch, v.condition().word(), quote(v.evidence()),
                quote(String.join(" | ", v.remedies()))));
    }

    void flush() throws IOException {
        out.flush();
    }

    static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"").replace('\n', ' ') + "\"";
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
