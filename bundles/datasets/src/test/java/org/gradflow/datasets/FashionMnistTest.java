package org.gradflow.datasets;

import static org.gradflow.datasets.IdxTest.assertMentions;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataException;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Examples;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The {@code fashion-mnist} data set: file names, the fallback, and the real data where it is installed. */
public class FashionMnistTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static DataSplits load(Map<String, String> given) {
        FashionMnist f = new FashionMnist();
        return f.load(Settings.validate("dataset.", given, f.parameters()), 3);
    }

    @Test
    public void aMissingDirectoryFailsSayingHowToInstallTheData() {
        Path dir = tmp.getRoot().toPath().resolve("no-such-dir");
        try {
            load(Map.of("dir", dir.toString()));
            fail("expected a DataException");
        } catch (DataException e) {
            assertMentions(e, "Fashion-MNIST not found at " + dir, "dataset-fashion-mnist", "dataset.dir",
                    "dataset.fallback=synthetic");
        }
    }

    @Test
    public void aMissingDirectoryWithFallbackGeneratesSyntheticDataAndSaysSo() {
        Path dir = tmp.getRoot().toPath().resolve("no-such-dir");
        DataSplits d = load(Map.of("dir", dir.toString(), "fallback", "synthetic", "train-limit", "200", "test-limit", "20"));
        assertTrue(d.description(), d.description().startsWith("synthetic data (Fashion-MNIST not found at " + dir
                + "; install the Debian package dataset-fashion-mnist to use it)"));
        assertEquals(200, d.train().count());
        assertEquals(20, d.test().count());
        assertEquals(784, d.train().featureCount());
        assertEquals(10, d.train().classCount());
    }

    @Test
    public void theFourFilesAreFoundCompressedOrNot() throws IOException {
        Path dir = tmp.newFolder("fmnist").toPath();
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxTest.gzip(IdxTest.images(4, 2, 2)));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxTest.labels(3, 1, 4, 1));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTest.images(2, 2, 2));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxTest.gzip(IdxTest.labels(5, 9)));
        Map<String, String> m = new HashMap<>(Map.of("dir", dir.toString(), "fallback", "synthetic"));
        DataSplits d = load(m);
        assertTrue(d.description(), d.description().startsWith("Fashion-MNIST: 4 training examples from " + dir));
        assertEquals(4, d.train().count());
        assertEquals(2, d.test().count());
        assertEquals(9, d.test().labels()[1]);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        try {
            load(m);
            fail("an incomplete directory must not fall back silently");
        } catch (DataException e) {
            assertMentions(e, "incomplete", "t10k-images-idx3-ubyte.gz (or t10k-images-idx3-ubyte) is missing");
        }
    }

    /** Runs where Debian's dataset-fashion-mnist is installed; skipped elsewhere. */
    @Test
    public void theInstalledDataSetLoads() {
        Path dir = Path.of(FashionMnist.DEFAULT_DIR);
        Assume.assumeTrue("Fashion-MNIST is not installed in " + dir, Files.isDirectory(dir));
        DataSplits d = load(Map.of());
        check(d.train(), 60000);
        check(d.test(), 10000);
        assertTrue(d.description(), d.description().startsWith("Fashion-MNIST: 60000 training examples from "));
        DataSplits limited = load(Map.of("train-limit", "1000", "test-limit", "100"));
        assertEquals(1000, limited.train().count());
        assertEquals(100, limited.test().count());
        assertEquals(d.train().labels()[999], limited.train().labels()[999]);
    }

    private static void check(Examples e, int count) {
        assertEquals(count, e.count());
        assertEquals(784, e.featureCount());
        assertEquals(10, e.classCount());
        int[] perClass = new int[10];
        for (int label : e.labels()) {
            assertTrue("label " + label, label >= 0 && label < 10);
            perClass[label]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals("Fashion-MNIST has exactly " + count / 10 + " examples of class " + c, count / 10, perClass[c]);
        }
        float max = 0;
        for (float v : e.features()) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 0);
    }
}
