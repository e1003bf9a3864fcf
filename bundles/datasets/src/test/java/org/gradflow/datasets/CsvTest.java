package org.gradflow.datasets;

import static org.gradflow.datasets.IdxTest.assertMentions;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.GradflowException;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataException;
import org.gradflow.api.dataset.DataSplits;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The {@code csv} data set: good files in several layouts, and each error naming file, line and column. */
public class CsvTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String TRAIN = "0.1,0.2,0.3,1\n0.4,0.5,0.6,0\n\n0.7,0.8,0.9,2\n";
    private static final String TEST = "1,2,3,2\n4,5,6,0\n";

    private String write(String name, String content) throws IOException {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p.toString();
    }

    private Map<String, String> files(String train, String test) throws IOException {
        Map<String, String> m = new HashMap<>();
        m.put("train", write("train.csv", train));
        m.put("test", write("test.csv", test));
        return m;
    }

    private static DataSplits load(Map<String, String> given) {
        Csv csv = new Csv();
        return csv.load(Settings.validate("dataset.", given, csv.parameters()), 1);
    }

    @Test
    public void aGoodFileWithTheLabelLast() throws IOException {
        DataSplits d = load(files(TRAIN, TEST));
        assertEquals(3, d.train().count());
        assertEquals(3, d.train().featureCount());
        assertEquals(3, d.train().classCount()); // inferred: largest label 2, + 1
        assertArrayEquals(new int[] {1, 0, 2}, d.train().labels());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f}, d.train().features(), 0);
        assertArrayEquals(new int[] {2, 0}, d.test().labels());
        assertTrue(d.description(), d.description().contains("3 training examples") && d.description().contains("3 classes"));
    }

    @Test
    public void aHeaderLineIsSkippedAndNamesColumnsInMessages() throws IOException {
        Map<String, String> m = files("a,b,c,label\n" + TRAIN, "a,b,c,label\n" + TEST);
        m.put("header", "true");
        DataSplits d = load(m);
        assertEquals(3, d.train().count());
        m.put("train", write("bad.csv", "a,b,c,label\n1,2,3,0\n1,x,3,1\n"));
        assertMentions(expect(m), "train file", "bad.csv", "line 3, column 2 (b)", "'x' is not a number");
    }

    @Test
    public void theLabelColumnCanBeInTheMiddle() throws IOException {
        Map<String, String> m = files("0.1;1;0.3\n0.4;0;0.6\n", "1;1;3\n");
        m.put("label-column", "1");
        m.put("delimiter", ";");
        m.put("classes", "2");
        DataSplits d = load(m);
        assertArrayEquals(new int[] {1, 0}, d.train().labels());
        assertArrayEquals(new float[] {0.1f, 0.3f, 0.4f, 0.6f}, d.train().features(), 0);
        assertEquals(2, d.train().featureCount());
    }

    @Test
    public void tabsSpacesQuotesAndGzip() throws IOException {
        Map<String, String> m = files("1\t2\t0\n3\t4\t1\n", "5\t6\t1\n");
        m.put("delimiter", "tab");
        assertEquals(2, load(m).train().count());
        m = files("  1   2  0\n3 4 \"1\"\n", "5 6 1\n");
        m.put("delimiter", "space");
        assertArrayEquals(new int[] {0, 1}, load(m).train().labels());
        Path gz = tmp.getRoot().toPath().resolve("train.csv.gz");
        Files.write(gz, IdxTest.gzip(TRAIN.getBytes(StandardCharsets.UTF_8)));
        m = files(TRAIN, TEST);
        m.put("train", gz.toString());
        assertEquals(3, load(m).train().count());
    }

    @Test
    public void aRowWithAnotherColumnCountIsNamed() throws IOException {
        assertMentions(expect(files(TRAIN + "1,2,0\n", TEST)), "train file", "train.csv", "line 5: expected 4 columns, found 3");
        assertMentions(expect(files(TRAIN, "1,2,3,4,0\n")), "test file", "test.csv", "line 1", "5 columns",
                "the training file has 4");
    }

    @Test
    public void aCellThatIsNotAFiniteNumberIsNamed() throws IOException {
        assertMentions(expect(files("1,2,3,0\n1,2,abc,1\n", TEST)), "train file", "train.csv", "line 2, column 3",
                "'abc' is not a number");
        assertMentions(expect(files(TRAIN, "1,NaN,3,0\n")), "test file", "test.csv", "line 1, column 2",
                "'NaN' is not a finite number");
        assertMentions(expect(files("1,-Infinity,3,0\n", TEST)), "line 1, column 2", "not a finite number");
        assertMentions(expect(files("1,1e300,3,0\n", TEST)), "line 1, column 2", "too large");
        assertMentions(expect(files("1,,3,0\n", TEST)), "line 1, column 2", "empty value");
    }

    @Test
    public void labelsMustBeWholeNumbersInRange() throws IOException {
        assertMentions(expect(files("1,2,3,0\n1,2,3,1.5\n", TEST)), "train.csv", "line 2, column 4 (the label column)",
                "'1.5' is not a whole number", "dataset.task=regression");
        assertMentions(expect(files("1,2,3,0\n1,2,3,-1\n", TEST)), "line 2, column 4", "negative");
        assertMentions(expect(files("1,2,3,0\n1,2,3,cat\n", TEST)), "line 2, column 4", "'cat' is not a class number");
        Map<String, String> m = files(TRAIN, TEST);
        m.put("classes", "2");
        assertMentions(expect(m), "train.csv", "line 4, column 4", "label 2 is outside 0..1");
        assertMentions(expect(files(TRAIN, "1,2,3,0\n1,2,3,7\n")), "test.csv", "line 2, column 4",
                "label 7 never occurs in the training file", "set dataset.classes");
        assertMentions(expect(files("1,2,3,0\n4,5,6,0\n", TEST)), "only one class");
    }

    @Test
    public void emptyAndMissingFilesAreNamed() throws IOException {
        assertMentions(expect(files("", TEST)), "train file", "train.csv", "no data rows", "the file is empty");
        assertMentions(expect(files("\n  \n", TEST)), "no data rows", "blank lines");
        Map<String, String> m = files("a,b,c,d\n", TEST);
        m.put("header", "true");
        assertMentions(expect(m), "no data rows", "only the header");
        m = files(TRAIN, TEST);
        Path missing = tmp.getRoot().toPath().resolve("missing.csv");
        m.put("test", missing.toString());
        assertMentions(expect(m), "file not found", missing.toString(), "dataset.test");
        m.remove("test");
        assertMentions(expect(m), "dataset.test is not set");
    }

    @Test
    public void regressionTakesTheLastColumnsAsTargets() throws IOException {
        Map<String, String> m = files("1,2,0.5,-0.5\n3,4,1.5,2.5\n", "5,6,7,8\n");
        m.put("task", "regression");
        m.put("targets", "2");
        DataSplits d = load(m);
        assertFalse(d.train().isClassification());
        assertNull(d.train().labels());
        assertEquals(2, d.train().featureCount());
        assertEquals(2, d.train().targetCount());
        assertArrayEquals(new float[] {0.5f, -0.5f, 1.5f, 2.5f}, d.train().targets(), 0);
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.train().features(), 0);
        m.put("label-column", "0");
        try {
            load(m);
            fail();
        } catch (ConfigurationException e) {
            assertMentions(e, "dataset.label-column", "regression");
        }
    }

    private static GradflowException expect(Map<String, String> given) {
        try {
            load(given);
        } catch (DataException e) {
            return e;
        }
        fail("expected a DataException");
        return null;
    }
}
