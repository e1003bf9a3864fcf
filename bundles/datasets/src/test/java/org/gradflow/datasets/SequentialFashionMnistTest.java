package org.gradflow.datasets;

import static org.gradflow.datasets.IdxTest.assertMentions;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataException;
import org.gradflow.api.dataset.DataSplits;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The {@code sequential-fashion-mnist} data set: 28 steps of 28 pixels, from the files or the fallback. */
public class SequentialFashionMnistTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static DataSplits load(Map<String, String> given) {
        SequentialFashionMnist s = new SequentialFashionMnist();
        return s.load(Settings.validate("dataset.", given, s.parameters()), 3);
    }

    @Test
    public void theSyntheticFallbackIsReadRowByRow() {
        Path dir = tmp.getRoot().toPath().resolve("no-such-dir");
        DataSplits d = load(Map.of("dir", dir.toString(), "fallback", "synthetic", "train-limit", "50", "test-limit", "10"));
        assertTrue(d.description(), d.description().startsWith("synthetic data (Fashion-MNIST not found at " + dir));
        assertTrue(d.description(), d.description().endsWith("read row by row as 28 steps of 28 pixels"));
        assertEquals(50, d.train().count());
        assertEquals(10, d.test().count());
        assertEquals(28, d.train().steps());
        assertEquals(28, d.train().featuresPerStep());
        assertEquals(28, d.test().steps());
        assertEquals(10, d.train().classCount());
    }

    @Test
    public void aMissingDirectoryWithoutFallbackFailsAsFashionMnistDoes() {
        Path dir = tmp.getRoot().toPath().resolve("no-such-dir");
        try {
            load(Map.of("dir", dir.toString()));
            fail("expected a DataException");
        } catch (DataException e) {
            assertMentions(e, "Fashion-MNIST not found at " + dir, "dataset-fashion-mnist", "dataset.fallback=synthetic");
        }
    }

    @Test
    public void imagesOfAnotherSizeAreRefused() throws IOException {
        Path dir = tmp.newFolder("small").toPath();
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxTest.images(2, 2, 2));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxTest.labels(3, 1));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTest.images(1, 2, 2));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxTest.labels(5));
        try {
            load(Map.of("dir", dir.toString()));
            fail("expected a DataException");
        } catch (DataException e) {
            assertMentions(e, "4 pixels, not 28 x 28", "dataset.dir");
        }
    }

    /** Runs where Debian's dataset-fashion-mnist is installed; skipped elsewhere. */
    @Test
    public void theInstalledDataSetLoadsAsSequences() {
        Path dir = Path.of(FashionMnist.DEFAULT_DIR);
        Assume.assumeTrue("Fashion-MNIST is not installed in " + dir, Files.isDirectory(dir));
        DataSplits d = load(Map.of());
        assertEquals(60000, d.train().count());
        assertEquals(10000, d.test().count());
        assertEquals(28, d.train().steps());
        assertEquals(28, d.train().featuresPerStep());
        assertEquals(28, d.test().steps());
        assertEquals(10, d.test().classCount());
        assertTrue(d.description(), d.description().startsWith("Fashion-MNIST: 60000 training examples from "));
    }
}
