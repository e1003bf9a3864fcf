package org.gradflow.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiny CSV reader for the files a run writes: a header line, then records of comma-separated fields;
 * a field may be quoted ({@code "a, b"}) with {@code ""} for a quote inside, and may then span lines.
 *
 * <p>It never throws on bad input. A record whose field count differs from the header's, an
 * unterminated quote, or (when the file may still be growing) a last line without its line end is
 * skipped and described in {@link Table#problems()}, so the report can say what it left out.
 */
final class Csv {
    /** At most this many problems are described one by one; the rest are counted. */
    static final int MAX_PROBLEMS = 5;

    private Csv() {
    }

    /** One record and the line it started on (from 1, the header being line 1). */
    record Row(int line, List<String> fields) {
        String get(int column) {
            return column < 0 || column >= fields.size() ? "" : fields.get(column);
        }
    }

    /** The header, the complete records, and what was skipped and why. */
    record Table(String file, List<String> header, List<Row> rows, List<String> problems) {
        /** The index of a header column, or -1. */
        int column(String name) {
            return header.indexOf(name);
        }
    }

    /**
     * Parses {@code text}.
     *
     * @param file           the file's name, for the problem descriptions
     * @param mayBeIncomplete whether a writer may still be appending (a live run): then a last line
     *                       without a line end is skipped, as a number cut short ({@code 3.7e-0}, or
     *                       worse {@code 3.7} of {@code 3.7e-04}) would otherwise be read
     */
    static Table parse(String file, String text, boolean mayBeIncomplete) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();

        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    fields.add(field.toString());
                    records.add(fields);
                    lines.add(recordLine);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                any = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
                any = true;
            }
        }
        String lastLineProblem = null;
        if (quoted) {
            lastLineProblem = (file + " line " + recordLine + ": a quoted field is not closed before the end of the file"
                    + (mayBeIncomplete ? " (the run may still be writing it)" : "") + "; skipped");
        } else if (any || field.length() > 0) {
            if (mayBeIncomplete) {
                lastLineProblem = (file + " line " + recordLine
                        + ": the last line has no line end yet (the run is still writing it); skipped");
            } else {
                fields.add(field.toString());
                records.add(fields);
                lines.add(recordLine);
            }
        }

        if (records.isEmpty()) {
            problems.add(file + " has no header line yet");
            if (lastLineProblem != null) {
                problems.add(lastLineProblem);
            }
            return new Table(file, List.of(), List.of(), problems);
        }
        List<String> header = records.get(0).stream().map(String::trim).toList();
        List<Row> rows = new ArrayList<>();
        int malformed = 0;
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.size() != header.size()) {
                if (++malformed <= MAX_PROBLEMS) {
                    problems.add(file + " line " + lines.get(r) + ": " + rec.size() + " fields where the header has "
                            + header.size() + " (" + abbreviate(String.join(",", rec)) + "); skipped");
                }
                continue;
            }
            rows.add(new Row(lines.get(r), List.copyOf(rec)));
        }
        if (malformed > MAX_PROBLEMS) {
            problems.add(file + ": " + (malformed - MAX_PROBLEMS) + " more lines with a wrong field count skipped");
        }
        if (lastLineProblem != null) {
            problems.add(lastLineProblem);
        }
        return new Table(file, header, rows, problems);
    }

    static String abbreviate(String s) {
        String oneLine = s.replaceAll("[\\p{Cntrl}]", "?");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
