package org.gradflow.datasets;

import static org.gradflow.datasets.IdxTest.assertMentions;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.Map;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Examples;
import org.junit.Test;

/** The {@code adding-problem} data set: layout, markers one per half, targets, determinism, validation. */
public class AddingProblemTest {
    private static DataSplits load(Map<String, String> given, long seed) {
        AddingProblem a = new AddingProblem();
        return a.load(Settings.validate("dataset.", given, a.parameters()), seed);
    }

    @Test
    public void everySequenceHasOneMarkerPerHalfAndTheTargetIsTheSumOfTheMarkedValues() {
        for (int length : new int[] {2, 3, 17, 50}) {
            DataSplits d = load(Map.of("length", Integer.toString(length), "train", "300", "test", "40"), 5);
            check(d.train(), length, 300);
            check(d.test(), length, 40);
        }
    }

    private static void check(Examples e, int length, int count) {
        assertEquals(count, e.count());
        assertEquals(length, e.steps());
        assertEquals(2, e.featuresPerStep());
        assertEquals(2 * length, e.featureCount());
        assertFalse(e.isClassification());
        assertEquals(1, e.targetCount());
        int half = length / 2;
        float[] x = e.features();
        boolean[] firstSeen = new boolean[half];
        boolean[] secondSeen = new boolean[length - half];
        for (int i = 0; i < count; i++) {
            int base = i * 2 * length;
            int first = -1;
            int second = -1;
            for (int t = 0; t < length; t++) {
                float value = x[base + 2 * t];
                float marker = x[base + 2 * t + 1];
                assertTrue("value " + value, value >= 0 && value < 1);
                assertTrue("marker " + marker, marker == 0 || marker == 1);
                if (marker == 1) {
                    if (t < half) {
                        assertEquals("example " + i + ": one marker in the first half", -1, first);
                        first = t;
                    } else {
                        assertEquals("example " + i + ": one marker in the second half", -1, second);
                        second = t;
                    }
                }
            }
            assertTrue("example " + i + " lacks a marker in the first half", first >= 0);
            assertTrue("example " + i + " lacks a marker in the second half", second >= 0);
            firstSeen[first] = true;
            secondSeen[second - half] = true;
            assertEquals(x[base + 2 * first] + x[base + 2 * second], e.targets()[i], 0);
        }
        if (count >= 100 && length <= 20) {
            // the positions are uniform over each half: with this many examples every one occurs
            for (boolean seen : firstSeen) {
                assertTrue(seen);
            }
            for (boolean seen : secondSeen) {
                assertTrue(seen);
            }
        }
    }

    @Test
    public void theDefaultsAreThoseOfTheLiterature() {
        DataSplits d = load(Map.of("train", "10", "test", "10"), 1);
        assertEquals(100, d.train().steps());
        assertEquals(2, d.train().featuresPerStep());
        assertTrue(d.description(), d.description().contains("seed 1"));
        assertEquals("10000", AddingProblem.TRAIN.defaultValue());
        assertEquals("1000", AddingProblem.TEST.defaultValue());
    }

    @Test
    public void theSameSeedGivesIdenticalDataAndAnotherSeedOther() {
        Map<String, String> small = Map.of("length", "20", "train", "50", "test", "10");
        DataSplits a = load(small, 7);
        DataSplits b = load(small, 7);
        DataSplits c = load(small, 8);
        assertArrayEquals(a.train().features(), b.train().features(), 0);
        assertArrayEquals(a.train().targets(), b.train().targets(), 0);
        assertArrayEquals(a.test().features(), b.test().features(), 0);
        assertFalse(Arrays.equals(a.train().features(), c.train().features()));
        assertFalse(Arrays.equals(a.train().targets(), c.train().targets()));
        assertFalse("training and test come from different streams",
                Arrays.equals(Arrays.copyOf(a.train().features(), 400), a.test().features()));
        DataSplits more = load(Map.of("length", "20", "train", "80", "test", "10"), 7);
        assertArrayEquals(a.test().features(), more.test().features(), 0);
    }

    @Test
    public void invalidParametersNameTheKey() {
        for (String[] kv : new String[][] {{"length", "1"}, {"train", "0"}, {"test", "-3"}, {"length", "ten"}}) {
            try {
                load(Map.of(kv[0], kv[1]), 1);
                fail("expected a ConfigurationException for " + kv[0] + "=" + kv[1]);
            } catch (ConfigurationException e) {
                assertMentions(e, "dataset." + kv[0] + "=" + kv[1]);
            }
        }
    }
}
