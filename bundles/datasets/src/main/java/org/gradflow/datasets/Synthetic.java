package org.gradflow.datasets;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Dataset;
import org.osgi.service.component.annotations.Component;

/**
 * A generated classification problem with the shape of Fashion-MNIST (784 features in [0, 1], 10
 * balanced classes), the same for the same seed: class prototypes made of smooth blobs over a shared
 * pattern, examples shifted, mixed with another class and noisy (the formula is in
 * {@link SyntheticImages}). Learnable, but not instantly: a deep MLP climbs well above chance within a
 * couple of epochs without reaching 100%. Needs no files, so it is what tests and demos run on.
 */
@Component(service = Dataset.class)
@GradflowComponent(name = "synthetic", description = "generated images like Fashion-MNIST, deterministic from the seed")
public final class Synthetic implements Dataset {
    static final int TRAIN_DEFAULT = 6000;
    static final int TEST_DEFAULT = 1000;
    static final double NOISE_DEFAULT = 0.2;
    static final ParameterSpec FEATURES = ParameterSpec.integer("features", 784,
            "features per example (a square number gives square images)").within(1, 1 << 20);
    static final ParameterSpec CLASSES = ParameterSpec.integer("classes", 10, "number of classes").within(2, 1000);
    static final ParameterSpec TRAIN = ParameterSpec.integer("train", TRAIN_DEFAULT, "number of training examples").within(1, 1 << 24);
    static final ParameterSpec TEST = ParameterSpec.integer("test", TEST_DEFAULT, "number of test examples").within(1, 1 << 24);
    static final ParameterSpec NOISE = ParameterSpec.real("noise", NOISE_DEFAULT,
            "standard deviation of the Gaussian pixel noise").within(0, 10);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(FEATURES, CLASSES, TRAIN, TEST, NOISE);
    }

    @Override
    public DataSplits load(Settings settings, long seed) {
        int features = settings.integer(FEATURES);
        int classes = settings.integer(CLASSES);
        int train = settings.integer(TRAIN);
        int test = settings.integer(TEST);
        double noise = settings.real(NOISE);
        return generate(features, classes, train, test, noise, seed, "synthetic data");
    }

    /** Also the fallback of {@link FashionMnist}; {@code what} starts the description. */
    static DataSplits generate(int features, int classes, int train, int test, double noise, long seed, String what) {
        SyntheticImages images = new SyntheticImages(features, classes, noise, seed);
        String source = "synthetic (seed " + seed + ")";
        return new DataSplits(what + ": " + train + " training and " + test + " test examples, " + features
                + " features, " + classes + " classes, noise " + noise + ", seed " + seed,
                images.train(train, source + " training"), images.test(test, source + " test"));
    }
}
