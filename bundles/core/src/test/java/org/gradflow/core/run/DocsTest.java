package org.gradflow.core.run;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gradflow.api.component.ParameterSpec;
import org.junit.Test;

/** Keeps docs/run-spec.md honest: every key the core reads is documented there with its default. */
public class DocsTest {
    @Test
    public void everyCoreKeyIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("../../docs/run-spec.md"));
        for (ParameterSpec key : CoreKeys.ALL) {
            assertTrue("docs/run-spec.md lacks a row for " + key.name(), doc.contains("| `" + key.name() + "` |"));
            if (key.defaultValue() != null && !key.defaultValue().isEmpty()) {
                assertTrue("docs/run-spec.md lacks the default of " + key.name(),
                        doc.contains("| `" + key.name() + "` | `" + key.defaultValue() + "` |")
                                || key.name().equals("backend"));
            }
        }
    }
}
