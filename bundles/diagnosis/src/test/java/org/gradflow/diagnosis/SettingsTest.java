package org.gradflow.diagnosis;

import static org.gradflow.diagnosis.Snapshots.judge;
import static org.gradflow.diagnosis.Snapshots.output;
import static org.gradflow.diagnosis.Snapshots.relu;
import static org.gradflow.diagnosis.Snapshots.sigmoid;
import static org.gradflow.diagnosis.Snapshots.snapshot;
import static org.gradflow.diagnosis.Snapshots.time;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.health.Condition;
import org.gradflow.diagnosis.Snapshots.Builder;
import org.junit.Test;

/** The thresholds as parameters: declared defaults, validated ranges, and custom values that change the verdict. */
public class SettingsTest {
    private final Standard standard = new Standard();

    @Test
    public void parametersAndDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (ParameterSpec p : standard.parameters()) {
            defaults.put(p.name(), p.defaultValue());
        }
        assertEquals(Map.of("exploding-ratio", "1000", "exploding-growth-per-step", "0.05", "growth-min-steps", "10",
                "exploding-loss-growth", "1000", "vanishing-ratio", "0.001", "saturated-fraction", "0.5",
                "dead-fraction", "0.5"), defaults);
        assertEquals(List.of("exploding-ratio", "exploding-growth-per-step", "growth-min-steps", "exploding-loss-growth",
                "vanishing-ratio",
                "saturated-fraction", "dead-fraction"), List.copyOf(defaults.keySet()));
        for (ParameterSpec p : standard.parameters()) {
            assertTrue(p.name() + " needs a description", p.description() != null && !p.description().isEmpty());
            // every default passes its own validation
            Settings.validate("diagnosis.", Map.of(p.name(), p.defaultValue()), standard.parameters());
        }
    }

    @Test
    public void rangesAreChecked() {
        for (String[] bad : new String[][] {{"exploding-ratio", "0.5"}, {"exploding-growth-per-step", "0"},
                {"growth-min-steps", "1"}, {"growth-min-steps", "2.5"}, {"vanishing-ratio", "0"},
                {"vanishing-ratio", "1.5"}, {"saturated-fraction", "-0.1"}, {"saturated-fraction", "1.01"},
                {"dead-fraction", "2"}, {"dead-fraction", "many"}}) {
            try {
                Settings.validate("diagnosis.", Map.of(bad[0], bad[1]), standard.parameters());
                fail(bad[0] + "=" + bad[1] + " must be refused");
            } catch (ConfigurationException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("diagnosis." + bad[0] + "=" + bad[1] + " is invalid"));
            }
        }
        try {
            Settings.validate("diagnosis.", Map.of("vanishing", "1e-4"), standard.parameters());
            fail("unknown key");
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("diagnosis.vanishing-ratio"));
        }
    }

    @Test
    public void customRatios() {
        Builder weak = snapshot().layers(relu("fc1", 5e-3, 0.0), relu("fc2", 0.3, 0.0), output("out"));
        assertEquals(Condition.HEALTHY, judge(weak).condition());
        assertEquals(Condition.VANISHING, judge(weak, Map.of("vanishing-ratio", "0.01")).condition());

        Builder strong = snapshot().layers(relu("fc1", 200, 0.0), output("out"));
        assertEquals(Condition.HEALTHY, judge(strong).condition());
        assertEquals(Condition.EXPLODING, judge(strong, Map.of("exploding-ratio", "100")).condition());
    }

    @Test
    public void customGrowth() {
        Builder rnn = snapshot().layers(relu("rnn1", 0.5, 0.0), output("out")).recurrent(time("rnn1", 6, 3, 0.03));
        assertEquals(Condition.HEALTHY, judge(rnn).condition());
        assertEquals(Condition.HEALTHY, judge(rnn, Map.of("exploding-growth-per-step", "0.02")).condition());
        assertEquals(Condition.EXPLODING,
                judge(rnn, Map.of("exploding-growth-per-step", "0.02", "growth-min-steps", "6")).condition());
    }

    @Test
    public void customFractions() {
        Builder b = snapshot().layers(sigmoid("fc1", 0.3, 0.3), relu("fc2", 0.5, 0.3), output("out"));
        assertEquals(Condition.HEALTHY, judge(b).condition());
        assertEquals(Condition.SATURATED, judge(b, Map.of("saturated-fraction", "0.25")).condition());
        assertEquals(Condition.DEAD_UNITS, judge(b, Map.of("dead-fraction", "0.25")).condition());
        // the dead-units evidence names the custom threshold
        Builder two = snapshot().layers(relu("fc1", 0.3, 0.3), relu("fc2", 0.5, 0.35), output("out"));
        assertEquals("35% of relu units in fc2 are dead; 2 of 2 layers above 25%",
                judge(two, Map.of("dead-fraction", "0.25")).evidence());
    }

    /** Settings.empty() gives the defaults, as the core passes when no diagnosis.* key is set. */
    @Test
    public void emptySettingsAreTheDefaults() {
        Builder b = snapshot().layers(relu("fc1", 0.0009, 0.0), output("out"));
        assertEquals(judge(b), judge(b, Map.of()));
        assertEquals(Condition.VANISHING, judge(b).condition());
    }
}
