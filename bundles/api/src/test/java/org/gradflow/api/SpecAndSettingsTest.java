package org.gradflow.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.run.RunSpec;
import org.junit.Test;

public class SpecAndSettingsTest {
    private static void assertError(Runnable r, String... fragments) {
        try {
            r.run();
            fail("expected an error");
        } catch (ConfigurationException e) {
            for (String f : fragments) {
                assertTrue(e.getMessage() + " should contain " + f, e.getMessage().contains(f));
            }
        }
    }

    @Test
    public void specFileParsesAndCommandLineOverrides() {
        RunSpec spec = RunSpec.parse("a.cfg", List.of("# comment", "", "epochs = 3", "optimizer.lr=0.01"))
                .with(RunSpec.fromArguments(List.of("epochs=5")));
        assertEquals(Map.of("epochs", "5", "optimizer.lr", "0.01"), spec.values());
        assertEquals(Map.of("lr", "0.01"), spec.withPrefix("optimizer."));
        assertEquals("epochs=5\noptimizer.lr=0.01\n", spec.toText());
    }

    @Test
    public void malformedSpecNamesFileAndLine() {
        assertError(() -> RunSpec.parse("a.cfg", List.of("epochs=3", "oops")), "a.cfg line 2", "expected key=value", "oops");
        assertError(() -> RunSpec.parse("a.cfg", List.of("epochs=3", "epochs=4")), "a.cfg line 2", "already set on line 1");
        assertError(() -> RunSpec.parse("a.cfg", List.of("bad key=3")), "a.cfg line 1", "not a valid key");
        assertError(() -> RunSpec.load(java.nio.file.Path.of("/nonexistent/x.cfg")), "does not exist");
    }

    @Test
    public void parametersValidateWithKeyValueAndRange() {
        ParameterSpec lr = ParameterSpec.real("lr", 0.01, "learning rate").positive();
        ParameterSpec rate = ParameterSpec.real("rate", 0.5, "drop probability").withinExcludingUpper(0, 1);
        ParameterSpec kind = ParameterSpec.choice("mode", "a", "mode", "a", "b");
        ParameterSpec n = ParameterSpec.integer("n", 3, "count").atLeast(1);
        List<ParameterSpec> specs = List.of(lr, rate, kind, n);
        assertError(() -> Settings.validate("x.", Map.of("lr", "-1"), specs), "x.lr=-1", "(0, inf)", "learning rate");
        assertError(() -> Settings.validate("x.", Map.of("rate", "1.5"), specs), "x.rate=1.5", "[0, 1)");
        assertError(() -> Settings.validate("x.", Map.of("mode", "c"), specs), "x.mode=c", "one of a|b");
        assertError(() -> Settings.validate("x.", Map.of("n", "2.5"), specs), "x.n=2.5", "not an integer");
        assertError(() -> Settings.validate("x.", Map.of("lr", "abc"), specs), "not a number");
        assertError(() -> Settings.validate("x.", Map.of("lrr", "1"), specs), "unknown key 'x.lrr'", "x.lr");
        Settings s = Settings.validate("x.", Map.of("lr", "0.5"), specs);
        assertEquals(0.5, s.real(lr), 0);
        assertEquals(0.5, s.real(rate), 0);
        assertEquals("a", s.text(kind));
        assertEquals(3, s.integer(n));
    }
}
