package org.gradflow.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.gradflow.api.dataset.DataException;

/**
 * One delimited text file of numbers, parsed for a data set: every row the same number of columns,
 * every cell a finite number that fits a float, the label column a whole number in range. Blank lines
 * are skipped; cells are trimmed and may be quoted. Line and column numbers in messages count from 1,
 * as editors show them, and include the header line; a gzip-compressed file is read as well.
 */
final class CsvFile {
    /** How to read the files of one data set. */
    record Format(String delimiter, boolean header, boolean classification, int labelColumn, int targets) {
        /** The delimiter as typed: {@code \t} or {@code tab}, {@code space} (runs of blanks), or literal text. */
        static String delimiter(String typed) {
            switch (typed) {
                case "\\t":
                case "tab":
                    return "\t";
                case " ":
                case "space":
                case "whitespace":
                    return " ";
                default:
                    return typed;
            }
        }
    }

    final Path path;
    final String role;
    /** Columns per row, as in the first row. */
    int columns;
    /** Header names, or {@code null}. */
    String[] names;
    int rows;
    float[] features = new float[1024];
    int featureCount;
    int[] labels = new int[256];
    float[] targets = new float[256];
    /** The largest class label and the line it is on, for messages. */
    int maxLabel = -1;
    int maxLabelLine;

    private CsvFile(Path path, String role) {
        this.path = path;
        this.role = role;
    }

    String name() {
        return role + " file " + path;
    }

    /**
     * Parses a whole file.
     *
     * @param expectedColumns the column count the other file had, or -1
     * @param classes the class count to check labels against, or 0 to infer it
     */
    static CsvFile read(Path path, String role, Format format, int expectedColumns, int classes) {
        CsvFile f = new CsvFile(path, role);
        String delimiter = format.delimiter();
        int line = 0;
        int labelColumn = -1;
        int firstTarget = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(DataFiles.open(path), StandardCharsets.UTF_8),
                1 << 16)) {
            String text;
            boolean headerPending = format.header();
            String[] cells = new String[16];
            while ((text = in.readLine()) != null) {
                line++;
                if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1); // byte order mark
                }
                if (text.isBlank()) {
                    continue;
                }
                int n = split(text, delimiter, cells);
                if (n > cells.length) {
                    cells = new String[n];
                    split(text, delimiter, cells);
                }
                if (f.columns == 0) {
                    f.columns = n;
                    if (expectedColumns >= 0 && n != expectedColumns) {
                        throw new DataException(f.name() + ": line " + line + ": " + n + " columns, but the training file"
                                + " has " + expectedColumns + "; both files need the same columns");
                    }
                    if (format.classification()) {
                        labelColumn = format.labelColumn() < 0 ? n - 1 : format.labelColumn();
                        if (labelColumn >= n) {
                            throw new DataException(f.name() + ": dataset.label-column=" + format.labelColumn()
                                    + " but line " + line + " has only " + n + " columns (0.." + (n - 1) + ")");
                        }
                        f.featureCount = n - 1;
                    } else {
                        firstTarget = n - format.targets();
                        f.featureCount = firstTarget;
                    }
                    if (f.featureCount < 1) {
                        throw new DataException(f.name() + ": line " + line + " has " + n + " column" + (n == 1 ? "" : "s")
                                + ", which leaves no feature column next to the "
                                + (format.classification() ? "label" : format.targets() + " target column(s)")
                                + (format.header() ? "" : "; check dataset.delimiter (now '" + delimiter + "')"));
                    }
                } else if (n != f.columns) {
                    throw new DataException(f.name() + ": line " + line + ": expected " + f.columns + " columns, found " + n
                            + (n == 1 ? "; check dataset.delimiter (now '" + delimiter + "')" : ""));
                }
                if (headerPending) {
                    f.names = Arrays.copyOf(cells, n);
                    headerPending = false;
                    continue;
                }
                f.addRow(cells, line, labelColumn, firstTarget, format, classes);
            }
        } catch (IOException e) {
            throw new DataException(f.name() + ": cannot read after line " + line + ": " + e.getMessage(), e);
        }
        if (f.rows == 0) {
            throw new DataException(f.name() + ": no data rows" + (line == 0 ? " (the file is empty)"
                    : f.names != null ? " (only the header line)" : " (only blank lines)"));
        }
        f.features = Arrays.copyOf(f.features, f.rows * f.featureCount);
        f.labels = Arrays.copyOf(f.labels, f.rows);
        f.targets = Arrays.copyOf(f.targets, f.rows * Math.max(1, format.targets()));
        return f;
    }

    private void addRow(String[] cells, int line, int labelColumn, int firstTarget, Format format, int classes) {
        int need = (rows + 1) * featureCount;
        if (need > features.length) {
            features = Arrays.copyOf(features, Math.max(need, features.length * 2));
        }
        int k = rows * featureCount;
        for (int c = 0; c < columns; c++) {
            if (c == labelColumn) {
                continue;
            }
            float v = number(cells[c], line, c);
            if (firstTarget >= 0 && c >= firstTarget) {
                int t = rows * format.targets() + (c - firstTarget);
                if (t >= targets.length) {
                    targets = Arrays.copyOf(targets, Math.max(t + 1, targets.length * 2));
                }
                targets[t] = v;
            } else {
                features[k++] = v;
            }
        }
        if (labelColumn >= 0) {
            if (rows >= labels.length) {
                labels = Arrays.copyOf(labels, labels.length * 2);
            }
            int label = label(cells[labelColumn], line, labelColumn, classes);
            labels[rows] = label;
            if (label > maxLabel) {
                maxLabel = label;
                maxLabelLine = line;
            }
        }
        rows++;
    }

    private float number(String cell, int line, int column) {
        String s = unquote(cell);
        if (s.isEmpty()) {
            throw new DataException(at(line, column) + ": empty value; every cell must hold a number");
        }
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataException(at(line, column) + ": '" + s + "' is not a number");
        }
        if (!Double.isFinite(d)) {
            throw new DataException(at(line, column) + ": '" + s + "' is not a finite number; NaN and infinities"
                    + " cannot be trained on, clean the data or drop that row");
        }
        if (Math.abs(d) > Float.MAX_VALUE) {
            throw new DataException(at(line, column) + ": " + s + " is too large (features are stored as floats, at most "
                    + Float.MAX_VALUE + " in magnitude); rescale the column");
        }
        return (float) d;
    }

    private int label(String cell, int line, int column, int classes) {
        String s = unquote(cell);
        String where = at(line, column) + " (the label column)";
        if (s.isEmpty()) {
            throw new DataException(where + ": empty label");
        }
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataException(where + ": '" + s + "' is not a class number; labels must be whole numbers 0, 1, 2,"
                    + " ... (map class names to numbers first)");
        }
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new DataException(where + ": '" + s + "' is not a whole number; class labels are 0, 1, 2, ..."
                    + " (for real-valued targets set dataset.task=regression)");
        }
        if (d < 0) {
            throw new DataException(where + ": label " + s + " is negative; class labels are 0, 1, 2, ...");
        }
        if (classes > 0 && d >= classes) {
            throw new DataException(where + ": label " + s + " is outside 0.." + (classes - 1) + " (dataset.classes="
                    + classes + ")");
        }
        if (d > 1_000_000) {
            throw new DataException(where + ": label " + s + " is implausibly large for a class number");
        }
        return (int) d;
    }

    /** {@code <role> file <path>: line L, column C}, with the header name if there is one. */
    String at(int line, int column) {
        return name() + ": line " + line + ", column " + (column + 1)
                + (names != null ? " (" + unquote(names[column]) + ")" : "");
    }

    private static String unquote(String cell) {
        String s = cell.trim();
        if (s.length() >= 2 && ((s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"')
                || (s.charAt(0) == '\'' && s.charAt(s.length() - 1) == '\''))) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s;
    }

    /**
     * Splits {@code line} at each {@code delimiter} ({@code " "}: at runs of blanks, ignoring leading and
     * trailing ones) into {@code cells} as far as it has room; returns the number of cells.
     */
    static int split(String line, String delimiter, String[] cells) {
        int n = 0;
        if (delimiter.equals(" ")) {
            int i = 0;
            int len = line.length();
            while (true) {
                while (i < len && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (i >= len) {
                    return n;
                }
                int start = i;
                while (i < len && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (n < cells.length) {
                    cells[n] = line.substring(start, i);
                }
                n++;
            }
        }
        int start = 0;
        while (true) {
            int end = line.indexOf(delimiter, start);
            String cell = end < 0 ? line.substring(start) : line.substring(start, end);
            if (n < cells.length) {
                cells[n] = cell;
            }
            n++;
            if (end < 0) {
                return n;
            }
            start = end + delimiter.length();
        }
    }
}
