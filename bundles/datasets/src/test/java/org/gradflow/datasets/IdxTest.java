package org.gradflow.datasets;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataException;
import org.gradflow.api.dataset.DataSplits;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The {@code idx} data set on small IDX files written here: round trips and every kind of bad file. */
public class IdxTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** 5 images of 3x4 pixels: pixel j of image i is 10*i + j; labels 0, 1, 2, 3, 4. */
    static byte[] images(int count, int rows, int cols) {
        byte[] pixels = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < rows * cols; j++) {
                pixels[i * rows * cols + j] = (byte) (10 * i + j);
            }
        }
        return idx(0x08, new int[] {count, rows, cols}, pixels);
    }

    static byte[] labels(int... labels) {
        byte[] b = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            b[i] = (byte) labels[i];
        }
        return idx(0x08, new int[] {labels.length}, b);
    }

    /** An IDX file: magic {@code 00 00 type dims}, the sizes big-endian, the data. */
    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.write(p, content);
        return p;
    }

    private Map<String, String> fourFiles(boolean gzip) throws IOException {
        Map<String, String> m = new HashMap<>();
        // names deliberately say nothing true about compression: detection is by content
        m.put("train-images", write("train-img" + (gzip ? ".raw" : ".gz"), maybeGzip(images(5, 3, 4), gzip)).toString());
        m.put("train-labels", write("train-lbl", maybeGzip(labels(0, 1, 2, 3, 4), gzip)).toString());
        m.put("test-images", write("test-img", maybeGzip(images(2, 3, 4), gzip)).toString());
        m.put("test-labels", write("test-lbl", maybeGzip(labels(9, 8), gzip)).toString());
        return m;
    }

    private static byte[] maybeGzip(byte[] raw, boolean gzip) throws IOException {
        return gzip ? gzip(raw) : raw;
    }

    static DataSplits load(Map<String, String> given) {
        Idx idx = new Idx();
        return idx.load(Settings.validate("dataset.", given, idx.parameters()), 1);
    }

    @Test
    public void rawAndGzipFilesRoundTrip() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            DataSplits d = load(fourFiles(gzip));
            assertEquals(5, d.train().count());
            assertEquals(12, d.train().featureCount());
            assertEquals(10, d.train().classCount());
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, d.train().labels());
            assertArrayEquals(new int[] {9, 8}, d.test().labels());
            float[] x = d.train().features();
            assertEquals(0f, x[0], 0);
            assertEquals(11 / 255f, x[11], 0);
            assertEquals((10 * 4 + 7) / 255f, x[4 * 12 + 7], 0); // image 4, row 1, column 3
            assertEquals(2, d.test().count());
            assertTrue(d.description(), d.description().contains("5 training examples") && d.description().contains("3x4"));
        }
    }

    @Test
    public void limitsTakeTheFirstExamples() throws IOException {
        Map<String, String> m = fourFiles(true);
        m.put("train-limit", "3");
        m.put("test-limit", "1");
        DataSplits d = load(m);
        assertArrayEquals(new int[] {0, 1, 2}, d.train().labels());
        assertArrayEquals(new int[] {9}, d.test().labels());
        assertEquals(3 * 12, d.train().features().length);
        assertTrue(d.description(), d.description().contains("the first 3 of 5 training examples"));
    }

    @Test
    public void aMissingFileIsNamedWithWhatToDo() throws IOException {
        Map<String, String> m = fourFiles(false);
        Path missing = tmp.getRoot().toPath().resolve("nope").resolve("train-images-idx3-ubyte.gz");
        m.put("train-images", missing.toString());
        DataException e = expect(m);
        assertMentions(e, missing.toString(), "not found", "dataset.train-images", "give the path");
        m.remove("train-images");
        assertMentions(expect(m), "dataset.train-images is not set");
    }

    @Test
    public void aWrongMagicNumberIsNamed() throws IOException {
        Map<String, String> m = fourFiles(false);
        m.put("train-images", write("swapped", labels(1, 2, 3)).toString());
        assertMentions(expect(m), "train-images file", "swapped", "byte 3", "1 dimension", "0x00000801", "swapped?");
        m.put("train-images", write("garbage", "hello world, not an idx file".getBytes()).toString());
        assertMentions(expect(m), "train-images file", "garbage", "byte 0", "magic number 0x68656C6C");
        m.put("train-images", write("floats", idx(0x0D, new int[] {1, 2, 2}, new byte[16])).toString());
        assertMentions(expect(m), "train-images file", "floats", "byte 2", "0x0D", "32-bit float");
    }

    @Test
    public void aWrongDimensionCountIsNamed() throws IOException {
        Map<String, String> m = fourFiles(false);
        m.put("test-images", write("fourdims", idx(0x08, new int[] {2, 3, 4, 1}, new byte[24])).toString());
        assertMentions(expect(m), "test-images file", "fourdims", "byte 3", "4 dimensions");
        m = fourFiles(false);
        m.put("test-labels", write("labels2d", idx(0x08, new int[] {2, 1}, new byte[2])).toString());
        assertMentions(expect(m), "test-labels file", "labels2d", "byte 3", "2 dimensions", "1 dimension: count");
    }

    @Test
    public void aTruncatedFileNamesTheIncompleteExample() throws IOException {
        Map<String, String> m = fourFiles(false);
        byte[] full = images(5, 3, 4); // 16-byte header + 60 bytes
        m.put("train-images", write("cut", Arrays.copyOf(full, 16 + 50)).toString());
        // 50 bytes = 4 whole images of 12 bytes + 2 bytes of image 4
        assertMentions(expect(m), "train-images file", "cut", "truncated", "60 bytes of data", "found 50",
                "byte 66", "example 4 of 5", "2 of its 12 bytes");
        m.put("train-images", write("cut-header", Arrays.copyOf(full, 10)).toString());
        assertMentions(expect(m), "train-images file", "cut-header", "inside the header", "byte 10");
        // a gzip file cut in the middle: the part that decompresses still tells which example is incomplete
        byte[] noisy = images(400, 28, 28);
        java.util.Random r = new java.util.Random(1);
        for (int i = 16; i < noisy.length; i++) {
            noisy[i] = (byte) r.nextInt(4); // compressible, but not to nothing
        }
        byte[] gz = gzip(noisy);
        m.put("train-images", write("cut.gz", Arrays.copyOf(gz, gz.length / 2)).toString());
        DataException e = expect(m);
        assertMentions(e, "train-images file", "cut.gz", "truncated", "gzip", "313600 bytes of data",
                "decompressed data ends at byte", "in example");
        assertTrue(e.getMessage(), !e.getMessage().contains("found 0;"));
        m.put("train-images", write("empty", new byte[0]).toString());
        assertMentions(expect(m), "train-images file", "empty", "the file is empty");
    }

    @Test
    public void extraBytesAfterTheDataAreReported() throws IOException {
        Map<String, String> m = fourFiles(false);
        m.put("test-labels", write("long", Arrays.copyOf(labels(1, 2), 8 + 2 + 3)).toString());
        assertMentions(expect(m), "test-labels file", "long", "more bytes", "byte 10");
    }

    @Test
    public void imagesAndLabelsOfDifferentCountsAreAMislabelledPair() throws IOException {
        Map<String, String> m = fourFiles(false);
        m.put("train-labels", write("four-labels", labels(0, 1, 2, 3)).toString());
        assertMentions(expect(m), "train-images file", "train-labels file", "four-labels", "5 images", "4 labels",
                "do not belong together");
    }

    @Test
    public void aLabelOutOfRangeIsNamedByExampleAndByte() throws IOException {
        Map<String, String> m = fourFiles(false);
        m.put("train-labels", write("bad-label", labels(0, 1, 2, 12, 4)).toString());
        // header of a labels file: 4 magic + 4 size = 8 bytes, so example 3 is byte 11
        assertMentions(expect(m), "train-labels file", "bad-label", "byte 11", "example 3", "label 12", "0..9");
        m.put("classes", "13");
        assertEquals(13, load(m).train().classCount());
    }

    @Test
    public void trainingAndTestImagesMustHaveOneSize() throws IOException {
        Map<String, String> m = fourFiles(false);
        m.put("test-images", write("big", images(2, 4, 4)).toString());
        assertMentions(expect(m), "test-images file", "4x4", "3x4");
    }

    private static DataException expect(Map<String, String> given) {
        try {
            load(given);
        } catch (DataException e) {
            return e;
        }
        fail("expected a DataException");
        return null;
    }

    static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue("the message should mention '" + part + "': " + e.getMessage(), e.getMessage().contains(part));
        }
    }
}
