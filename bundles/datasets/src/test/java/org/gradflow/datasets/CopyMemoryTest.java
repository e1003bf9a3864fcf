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

/** The {@code copy-memory} data set: shapes, one-hot steps, the copy at the end, determinism, validation. */
public class CopyMemoryTest {
    private static DataSplits load(Map<String, String> given, long seed) {
        CopyMemory c = new CopyMemory();
        return c.load(Settings.validate("dataset.", given, c.parameters()), seed);
    }

    @Test
    public void theDefaultShape() {
        DataSplits d = load(Map.of("train", "20", "test", "5"), 3);
        check(d.train(), 8, 10, 20, 20);
        check(d.test(), 8, 10, 20, 5);
    }

    @Test
    public void theInputsAreOneHotAndTheTargetsReproduceTheSymbolsAfterTheGoMarker() {
        for (int[] p : new int[][] {{3, 4, 1}, {2, 1, 5}, {5, 6, 2}}) {
            DataSplits d = load(Map.of("symbols", Integer.toString(p[0]), "length", Integer.toString(p[1]),
                    "delay", Integer.toString(p[2]), "train", "60", "test", "7"), 11);
            check(d.train(), p[0], p[1], p[2], 60);
            check(d.test(), p[0], p[1], p[2], 7);
        }
    }

    private static void check(Examples e, int symbols, int length, int delay, int count) {
        int steps = 2 * length + delay;
        int inputs = symbols + 2;
        int outputs = symbols + 1;
        assertEquals(count, e.count());
        assertEquals(steps, e.steps());
        assertEquals(inputs, e.featuresPerStep());
        assertEquals(steps * inputs, e.featureCount());
        assertFalse(e.isClassification());
        assertEquals(steps * outputs, e.targetCount());
        int[] symbolCounts = new int[symbols];
        for (int i = 0; i < count; i++) {
            int[] in = new int[steps];
            int[] out = new int[steps];
            for (int t = 0; t < steps; t++) {
                in[t] = hot(e.features(), (i * steps + t) * inputs, inputs, "example " + i + " input step " + t);
                out[t] = hot(e.targets(), (i * steps + t) * outputs, outputs, "example " + i + " target step " + t);
            }
            for (int t = 0; t < steps; t++) {
                String at = "example " + i + " step " + t;
                if (t < length) {
                    assertTrue(at + " shows a data symbol", in[t] < symbols);
                    symbolCounts[in[t]]++;
                } else if (t == length + delay - 1) {
                    assertEquals(at + " is the go marker", symbols + 1, in[t]);
                } else {
                    assertEquals(at + " is blank", symbols, in[t]);
                }
                if (t < length + delay) {
                    assertEquals(at + " targets blank", 0, out[t]);
                } else {
                    assertEquals(at + " reproduces symbol " + (t - length - delay), 1 + in[t - length - delay], out[t]);
                }
            }
        }
        if (count * length >= 50 * symbols) {
            for (int s = 0; s < symbols; s++) {
                assertTrue("symbol " + s + " occurs", symbolCounts[s] > 0);
            }
        }
    }

    /** The index of the single 1 among {@code n} values from {@code from}, the rest 0. */
    private static int hot(float[] v, int from, int n, String where) {
        int hot = -1;
        for (int k = 0; k < n; k++) {
            float f = v[from + k];
            assertTrue(where + ": " + f, f == 0 || f == 1);
            if (f == 1) {
                assertEquals(where + " is one-hot", -1, hot);
                hot = k;
            }
        }
        assertTrue(where + " has no 1", hot >= 0);
        return hot;
    }

    @Test
    public void theSameSeedGivesIdenticalDataAndAnotherSeedOther() {
        Map<String, String> small = Map.of("train", "30", "test", "10", "delay", "5");
        DataSplits a = load(small, 7);
        DataSplits b = load(small, 7);
        DataSplits c = load(small, 8);
        assertArrayEquals(a.train().features(), b.train().features(), 0);
        assertArrayEquals(a.train().targets(), b.train().targets(), 0);
        assertArrayEquals(a.test().features(), b.test().features(), 0);
        assertArrayEquals(a.test().targets(), b.test().targets(), 0);
        assertFalse(Arrays.equals(a.train().features(), c.train().features()));
        assertFalse(Arrays.equals(a.train().targets(), c.train().targets()));
        DataSplits more = load(Map.of("train", "50", "test", "10", "delay", "5"), 7);
        assertArrayEquals(a.test().features(), more.test().features(), 0);
    }

    @Test
    public void invalidParametersNameTheKey() {
        for (String[] kv : new String[][] {{"symbols", "1"}, {"length", "0"}, {"delay", "0"}, {"train", "0"}}) {
            try {
                load(Map.of(kv[0], kv[1]), 1);
                fail("expected a ConfigurationException for " + kv[0] + "=" + kv[1]);
            } catch (ConfigurationException e) {
                assertMentions(e, "dataset." + kv[0] + "=" + kv[1]);
            }
        }
    }
}
