package org.gradflow.schedules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.schedule.ScheduleRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** The tests every schedule must pass, run over each entry of {@link ScheduleCases}. */
@RunWith(Parameterized.class)
public class ScheduleContractTest {
    /** Factors are at most 1; the hand-computed values are exact to this. */
    private static final double TOL = 1e-15;
    private static final String PREFIX = "schedule.";

    @Parameters(name = "{0}")
    public static List<ScheduleCase> cases() {
        return ScheduleCases.ALL;
    }

    @Parameterized.Parameter
    public ScheduleCase c;

    private ScheduleRule rule(Map<String, String> settings, long stepsPerEpoch, long totalSteps) {
        return c.schedule().create(Settings.validate(PREFIX, settings, c.schedule().parameters()), stepsPerEpoch,
                totalSteps);
    }

    private ScheduleRule rule(ScheduleCase.Example e) {
        return rule(e.settings(), e.stepsPerEpoch(), e.totalSteps());
    }

    @Test
    public void examplesMatchHandComputation() {
        assertFalse(c.name() + " has no examples", c.examples().isEmpty());
        for (ScheduleCase.Example e : c.examples()) {
            ScheduleRule rule = rule(e);
            for (ScheduleCase.At at : e.at()) {
                assertEquals(e + ", " + at, at.factor(), rule.factor(at.step()), TOL);
            }
        }
    }

    /** Every declared parameter is set to a non-default value by some example. */
    @Test
    public void examplesExerciseEveryParameter() {
        for (ParameterSpec spec : c.schedule().parameters()) {
            assertTrue(c.name() + ": no example sets " + spec.name() + " away from its default",
                    c.examples().stream().anyMatch(e -> e.settings().containsKey(spec.name())
                            && !spec.parse("", e.settings().get(spec.name())).equals(spec.parse("", spec.defaultValue()))));
        }
    }

    /**
     * Random small runs (valid settings drawn by the table, 1 to 12 steps per epoch, 1 to 40 epochs, and
     * sometimes a total that is not a whole number of epochs): factor exactly 1 at step 1, then finite,
     * in [0, 1] and never increasing, up to and a little past the last step.
     */
    @Test
    public void factorIsFiniteNonNegativeAndNonIncreasingOverWholeRuns() {
        Random random = new Random(c.name().hashCode());
        for (int run = 0; run < 300; run++) {
            Map<String, String> settings = c.random().apply(random);
            long stepsPerEpoch = 1 + random.nextInt(12);
            long totalSteps = stepsPerEpoch * (1 + random.nextInt(40));
            if (random.nextInt(4) == 0) {
                totalSteps = 1 + random.nextInt(60);
            }
            ScheduleRule rule = rule(settings, stepsPerEpoch, totalSteps);
            String what = settings + ", " + stepsPerEpoch + " steps/epoch, " + totalSteps + " steps";
            assertEquals(what + ": step 1", 1.0, rule.factor(1), 0);
            double previous = 1;
            for (long t = 1; t <= totalSteps + 3; t++) {
                double f = rule.factor(t);
                assertTrue(what + ": factor at step " + t + " is " + f, Double.isFinite(f) && f >= 0 && f <= 1);
                assertTrue(what + ": factor rises from " + previous + " to " + f + " at step " + t, f <= previous);
                previous = f;
            }
        }
    }

    /**
     * Runs as long as a long allows, and the largest parameters: no overflow in the step arithmetic
     * (e.g. every * stepsPerEpoch), the factor stays finite and in [0, 1].
     */
    @Test
    public void hugeRunsStayFinite() {
        Random random = new Random(c.name().hashCode() + 1);
        long[][] runs = {{Long.MAX_VALUE / 3, Long.MAX_VALUE}, {1, Long.MAX_VALUE}, {Long.MAX_VALUE, Long.MAX_VALUE}};
        for (int k = 0; k < 20; k++) {
            Map<String, String> settings = new java.util.HashMap<>(c.random().apply(random));
            if (settings.containsKey("every")) {
                settings.put("every", "1000000");
            }
            for (long[] run : runs) {
                ScheduleRule rule = rule(settings, run[0], run[1]);
                for (long t : new long[] {1, 2, run[0], run[1] / 2, run[1] - 1, run[1]}) {
                    double f = rule.factor(t);
                    assertTrue(settings + ", run " + run[0] + "/" + run[1] + ": factor at step " + t + " is " + f,
                            Double.isFinite(f) && f >= 0 && f <= 1);
                }
            }
        }
    }

    /**
     * The rule is a pure function of the step: asked backwards, or interleaved with another rule of the
     * same service, it gives bit for bit what it gave forwards.
     */
    @Test
    public void ruleIsAPureFunctionOfTheStep() {
        for (ScheduleCase.Example e : c.examples()) {
            long last = e.totalSteps() + 2;
            ScheduleRule forwards = rule(e);
            List<Double> expected = new ArrayList<>();
            for (long t = 1; t <= last; t++) {
                expected.add(forwards.factor(t));
            }
            ScheduleRule backwards = rule(e);
            ScheduleRule other = rule(Map.of(), 1, 3);
            for (long t = last; t >= 1; t--) {
                other.factor(1 + t % 3);
                assertEquals(e + ": step " + t, Double.doubleToRawLongBits(expected.get((int) t - 1)),
                        Double.doubleToRawLongBits(backwards.factor(t)));
                assertEquals(e + ": again at step " + t, Double.doubleToRawLongBits(expected.get((int) t - 1)),
                        Double.doubleToRawLongBits(forwards.factor(t)));
            }
        }
    }

    /** The run length and the step come from the core: nonsense there is a programming error. */
    @Test
    public void badRunLengthsAndStepsAreRejected() {
        Settings defaults = Settings.empty();
        for (long[] run : new long[][] {{0, 10}, {-1, 10}, {10, 0}, {1, -5}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.schedule().create(defaults, run[0], run[1]));
            assertTrue(e.getMessage(), e.getMessage().contains("stepsPerEpoch " + run[0] + ", totalSteps " + run[1]));
        }
        ScheduleRule rule = c.schedule().create(defaults, 10, 100);
        for (long step : new long[] {0, -1, Long.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rule.factor(step));
            assertTrue(e.getMessage(), e.getMessage().contains("got step " + step));
        }
    }

    @Test
    public void badParametersAreRejectedByName() {
        assertEquals(c.name() + ": bad values listed exactly when there are parameters",
                c.schedule().parameters().isEmpty(), c.bad().isEmpty());
        for (ScheduleCase.Bad bad : c.bad()) {
            try {
                Settings.validate(PREFIX, Map.of(bad.key(), bad.value()), c.schedule().parameters());
                fail(c.name() + " accepted " + bad);
            } catch (ConfigurationException e) {
                String m = e.getMessage();
                assertTrue(m, m.contains(PREFIX + bad.key() + "=" + bad.value()));
                assertTrue(m, m.contains("allowed " + bad.allowed()));
            }
        }
    }

    @Test
    public void unknownKeysAreRejected() {
        try {
            Settings.validate(PREFIX, Map.of("warmup", "5"), c.schedule().parameters());
            fail(c.name() + " accepted schedule.warmup");
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown key 'schedule.warmup'"));
        }
    }

    /** Declared parameters: unique names, defaults that pass their own validation, a description each. */
    @Test
    public void parametersAreWellDeclared() {
        Set<String> names = new HashSet<>();
        for (ParameterSpec spec : c.schedule().parameters()) {
            assertTrue("duplicate " + spec.name(), names.add(spec.name()));
            assertTrue(spec.name() + " has no description", !spec.description().isEmpty());
            spec.parse(PREFIX + spec.name(), spec.defaultValue());
        }
        assertEquals("defaults work", 1.0, c.schedule().create(Settings.empty(), 10, 100).factor(1), 0);
    }
}
