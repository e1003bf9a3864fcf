package org.gradflow.datasets;

import java.nio.file.Path;
import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataException;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Dataset;
import org.gradflow.api.dataset.Examples;
import org.osgi.service.component.annotations.Component;

/**
 * Images and labels in IDX files, the format of MNIST (LeCun et al., "Gradient-based learning applied
 * to document recognition", 1998) and Fashion-MNIST: four files, raw or gzip-compressed (recognized by
 * the bytes {@code 1f 8b}, whatever the name). Pixels are unsigned bytes, scaled to [0, 1] by /255; an
 * image of {@code rows x cols} becomes {@code rows*cols} features, row by row. With a limit, the first N
 * examples of the file are taken (MNIST-style files are already shuffled), the same on every run.
 *
 * <p>Bad files fail with a {@code DataException} naming the file and the byte or example: wrong magic
 * number, dimension count or element type, a file cut short, images and labels of different counts,
 * a label outside {@code 0..classes-1}. See {@link IdxFile}.
 */
@Component(service = Dataset.class)
@GradflowComponent(name = "idx", description = "MNIST-format IDX files (raw or gzip): images and labels")
public final class Idx implements Dataset {
    static final ParameterSpec TRAIN_IMAGES = ParameterSpec.text("train-images", null, "IDX file of training images");
    static final ParameterSpec TRAIN_LABELS = ParameterSpec.text("train-labels", null, "IDX file of training labels");
    static final ParameterSpec TEST_IMAGES = ParameterSpec.text("test-images", null, "IDX file of test images");
    static final ParameterSpec TEST_LABELS = ParameterSpec.text("test-labels", null, "IDX file of test labels");
    static final ParameterSpec CLASSES = ParameterSpec.integer("classes", 10, "number of classes").within(2, 256);
    static final ParameterSpec TRAIN_LIMIT = ParameterSpec.integer("train-limit", 0,
            "use only the first N training examples (0 = all)").nonNegative();
    static final ParameterSpec TEST_LIMIT = ParameterSpec.integer("test-limit", 0,
            "use only the first N test examples (0 = all)").nonNegative();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS, CLASSES, TRAIN_LIMIT, TEST_LIMIT);
    }

    @Override
    public DataSplits load(Settings settings, long seed) {
        Path trainImages = DataFiles.path(settings, TRAIN_IMAGES, "an IDX file of training images");
        Path trainLabels = DataFiles.path(settings, TRAIN_LABELS, "an IDX file of training labels");
        Path testImages = DataFiles.path(settings, TEST_IMAGES, "an IDX file of test images");
        Path testLabels = DataFiles.path(settings, TEST_LABELS, "an IDX file of test labels");
        return read("IDX files", trainImages, trainLabels, testImages, testLabels, settings.integer(CLASSES),
                settings.integer(TRAIN_LIMIT), settings.integer(TEST_LIMIT));
    }

    /** Reads the four files; shared with {@link FashionMnist}. */
    static DataSplits read(String what, Path trainImages, Path trainLabels, Path testImages, Path testLabels,
            int classes, int trainLimit, int testLimit) {
        IdxFile trImages = IdxFile.images("train-images", trainImages);
        IdxFile trLabels = IdxFile.labels("train-labels", trainLabels);
        IdxFile teImages = IdxFile.images("test-images", testImages);
        IdxFile teLabels = IdxFile.labels("test-labels", testLabels);
        if (trImages.perExample() != teImages.perExample()) {
            throw new DataException(teImages.name() + " holds " + teImages.shape() + " images but " + trImages.name()
                    + " holds " + trImages.shape() + " images; training and test images must have the same size");
        }
        Examples train = IdxFile.examples(trImages, trLabels, classes, trainLimit);
        Examples test = IdxFile.examples(teImages, teLabels, classes, testLimit);
        String description = what + ": " + count("training", train, trImages) + " from " + trainImages + ", "
                + count("test", test, teImages) + " from " + testImages + "; " + trImages.shape()
                + " pixels scaled to [0, 1], " + classes + " classes";
        return new DataSplits(description, train, test);
    }

    private static String count(String split, Examples loaded, IdxFile file) {
        return loaded.count() == file.count() ? loaded.count() + " " + split + " examples"
                : "the first " + loaded.count() + " of " + file.count() + " " + split + " examples";
    }
}
