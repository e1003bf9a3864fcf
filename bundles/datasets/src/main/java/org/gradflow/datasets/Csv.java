package org.gradflow.datasets;

import java.nio.file.Path;
import java.util.List;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataException;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Dataset;
import org.gradflow.api.dataset.Examples;
import org.osgi.service.component.annotations.Component;

/**
 * Examples from two delimited text files, one row per example, every cell a number (raw or gzip).
 * Classification: one column holds the class, a whole number {@code 0..classes-1} ({@code label-column},
 * by default the last), the others are the features. Regression: the last {@code targets} columns are
 * real-valued targets. With {@code header=true} the first line names the columns, and messages use the
 * names. The class count is given or inferred as the largest training label + 1.
 *
 * <p>Errors name the file, the line and the column (both counted from 1, header included): a row with
 * another number of columns, a cell that is not a number, NaN or an infinity, a label that is not a
 * whole number or out of range, an empty file.
 */
@Component(service = Dataset.class)
@GradflowComponent(name = "csv", description = "numbers in delimited text files, one example per line")
public final class Csv implements Dataset {
    static final ParameterSpec TRAIN = ParameterSpec.text("train", null, "CSV file of training examples");
    static final ParameterSpec TEST = ParameterSpec.text("test", null, "CSV file of test examples");
    static final ParameterSpec LABEL_COLUMN = ParameterSpec.integer("label-column", -1,
            "0-based index of the class column, -1 = last (classification)").atLeast(-1);
    static final ParameterSpec HEADER = ParameterSpec.flag("header", false, "whether the first line names the columns");
    static final ParameterSpec DELIMITER = ParameterSpec.text("delimiter", ",",
            "column separator: a character or text, \\t or tab, space (any run of blanks)");
    static final ParameterSpec CLASSES = ParameterSpec.integer("classes", 0,
            "number of classes, 0 = largest training label + 1").nonNegative();
    static final ParameterSpec TASK = ParameterSpec.choice("task", "classification",
            "classification (a label column) or regression (real targets at the end)", "classification", "regression");
    static final ParameterSpec TARGETS = ParameterSpec.integer("targets", 1,
            "number of target columns at the end of each row (regression)").atLeast(1);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(TRAIN, TEST, LABEL_COLUMN, HEADER, DELIMITER, CLASSES, TASK, TARGETS);
    }

    @Override
    public DataSplits load(Settings settings, long seed) {
        boolean classification = settings.text(TASK).equals("classification");
        if (!classification && settings.given().containsKey(LABEL_COLUMN.name())) {
            throw new ConfigurationException("dataset.label-column is for classification; with dataset.task=regression"
                    + " the last dataset.targets columns are the targets");
        }
        if (classification && settings.given().containsKey(TARGETS.name())) {
            throw new ConfigurationException("dataset.targets is for regression (dataset.task=regression); for"
                    + " classification choose the class column with dataset.label-column");
        }
        String delimiter = settings.text(DELIMITER);
        if (delimiter == null || delimiter.isEmpty()) {
            throw new ConfigurationException("dataset.delimiter is empty; give a separator such as , or ; or tab");
        }
        CsvFile.Format format = new CsvFile.Format(CsvFile.Format.delimiter(delimiter), settings.flag(HEADER),
                classification, settings.integer(LABEL_COLUMN), settings.integer(TARGETS));
        Path trainPath = DataFiles.path(settings, TRAIN, "a CSV file of training examples");
        Path testPath = DataFiles.path(settings, TEST, "a CSV file of test examples");
        int classes = settings.integer(CLASSES);
        CsvFile train = CsvFile.read(trainPath, "train", format, -1, classes);
        if (classification && classes == 0) {
            classes = train.maxLabel + 1;
            if (classes < 2) {
                throw new DataException(train.name() + ": every label is 0, so there is only one class; a classifier"
                        + " needs at least 2 (set dataset.classes if the test file has the others)");
            }
        }
        CsvFile test = CsvFile.read(testPath, "test", format, train.columns,
                settings.integer(CLASSES) > 0 ? classes : 0);
        if (classification && settings.integer(CLASSES) == 0 && test.maxLabel >= classes) {
            throw new DataException(test.at(test.maxLabelLine, format.labelColumn() < 0 ? test.columns - 1
                    : format.labelColumn()) + " (the label column): label " + test.maxLabel + " never occurs in the"
                    + " training file, whose largest label " + (classes - 1) + " makes " + classes
                    + " classes; set dataset.classes");
        }
        Examples trainExamples = examples(train, format, classes);
        Examples testExamples = examples(test, format, classes);
        String what = classification ? classes + " classes" : format.targets() + " regression target"
                + (format.targets() == 1 ? "" : "s");
        return new DataSplits("CSV: " + train.rows + " training examples from " + trainPath + ", " + test.rows
                + " test examples from " + testPath + "; " + train.featureCount + " features, " + what,
                trainExamples, testExamples);
    }

    private static Examples examples(CsvFile f, CsvFile.Format format, int classes) {
        if (format.classification()) {
            return Examples.classification(f.path.toString(), f.features, f.featureCount, f.labels, classes);
        }
        return Examples.regression(f.path.toString(), f.features, f.featureCount, f.targets, format.targets());
    }
}
