package org.gradflow.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class CsvTest {
    private static List<List<String>> fields(Csv.Table t) {
        return t.rows().stream().map(Csv.Row::fields).toList();
    }

    @Test
    public void quotedFieldsKeepCommasQuotesAndLineBreaks() {
        Csv.Table t = Csv.parse("v.csv", "step,evidence,remedies\n"
                + "1,\"a, b \"\"c\"\"\",x | y\r\n"
                + "2,\"two\nlines\",\n", false);
        assertEquals(List.of("step", "evidence", "remedies"), t.header());
        assertEquals(List.of(List.of("1", "a, b \"c\"", "x | y"), List.of("2", "two\nlines", "")), fields(t));
        assertEquals("the record starts on line 3", 3, t.rows().get(1).line());
        assertEquals(List.of(), t.problems());
    }

    @Test
    public void wrongFieldCountsAreSkippedAndCounted() {
        StringBuilder text = new StringBuilder("a,b\n1,2\n");
        for (int i = 0; i < 8; i++) {
            text.append("only-one\n");
        }
        text.append("\n3,4\n");
        Csv.Table t = Csv.parse("f.csv", text.toString(), false);
        assertEquals("blank lines are ignored", List.of(List.of("1", "2"), List.of("3", "4")), fields(t));
        assertEquals(Csv.MAX_PROBLEMS + 1, t.problems().size());
        assertEquals("f.csv line 3: 1 fields where the header has 2 (only-one); skipped", t.problems().get(0));
        assertEquals("f.csv: 3 more lines with a wrong field count skipped", t.problems().get(Csv.MAX_PROBLEMS));
    }

    @Test
    public void anUnterminatedLastLineCountsOnlyWhenTheWriterIsDone() {
        String text = "a,b\n1,2\n3,4e-0";
        assertEquals(List.of(List.of("1", "2")), fields(Csv.parse("f.csv", text, true)));
        assertTrue(Csv.parse("f.csv", text, true).problems().get(0).contains("line 3: the last line has no line end yet"));
        assertEquals(List.of(List.of("1", "2"), List.of("3", "4e-0")), fields(Csv.parse("f.csv", text, false)));
    }

    @Test
    public void emptyAndUnclosedInputIsDescribed() {
        assertEquals(List.of("e.csv has no header line yet"), Csv.parse("e.csv", "", true).problems());
        Csv.Table t = Csv.parse("q.csv", "a,b\n1,\"open\n", false);
        assertEquals(List.of(), t.rows());
        assertEquals(List.of("q.csv line 2: a quoted field is not closed before the end of the file; skipped"), t.problems());
    }
}
