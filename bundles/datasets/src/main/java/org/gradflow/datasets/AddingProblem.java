package org.gradflow.datasets;

import java.util.List;
import java.util.SplittableRandom;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataException;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Dataset;
import org.gradflow.api.dataset.Examples;
import org.osgi.service.component.annotations.Component;

/**
 * The adding problem (Hochreiter &amp; Schmidhuber, "Long Short-Term Memory", Neural Computation 1997,
 * experiment 4; in the form of Le, Jaitly &amp; Hinton, "A Simple Way to Initialize Recurrent Networks of
 * Rectified Linear Units", 2015, section 4.1): a regression over sequences of {@code length} steps that
 * needs memory across the whole sequence, the classic test of vanishing gradients through time.
 *
 * <p>Each step has two inputs, laid out {@code [length, 2]} per example: channel 0 a value uniform in
 * [0, 1), channel 1 a marker that is 1 at exactly two steps and 0 elsewhere. As in Le et al., the first
 * marked step is uniform in the first half, steps {@code 0 .. length/2 - 1} (integer division), and the
 * second uniform in the second half, steps {@code length/2 .. length - 1}; so a model must carry the
 * first value across at least one step and typically about {@code length / 2}. The single target is
 * the sum of the two marked values, in [0, 2). Always predicting 1 gives a mean squared error of 1/6
 * (about 0.167), the baseline a model must beat to have learnt anything.
 *
 * <p>Deterministic from the seed; the training and test examples come from different random streams, so
 * the test set does not depend on the number of training examples.
 */
@Component(service = Dataset.class)
@GradflowComponent(name = "adding-problem", description = "sum of two marked values in a long sequence (recurrent memory test)")
public final class AddingProblem implements Dataset {
    /** Features per step: the value and the marker. */
    static final int CHANNELS = 2;
    static final ParameterSpec LENGTH = ParameterSpec.integer("length", 100,
            "number of time steps T per sequence").within(2, 1 << 20);
    static final ParameterSpec TRAIN = ParameterSpec.integer("train", 10000, "number of training sequences").within(1, 1 << 24);
    static final ParameterSpec TEST = ParameterSpec.integer("test", 1000, "number of test sequences").within(1, 1 << 24);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(LENGTH, TRAIN, TEST);
    }

    @Override
    public DataSplits load(Settings settings, long seed) {
        int length = settings.integer(LENGTH);
        int train = settings.integer(TRAIN);
        int test = settings.integer(TEST);
        checkSize(train, length, "train");
        checkSize(test, length, "test");
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom trainRandom = root.split();
        SplittableRandom testRandom = root.split();
        String source = "adding problem (seed " + seed + ")";
        return new DataSplits("adding problem: " + train + " training and " + test + " test sequences of "
                + length + " steps x " + CHANNELS + " inputs (value, marker), target the sum of the 2 marked values"
                + " (predicting 1 gives MSE 1/6), seed " + seed,
                generate(train, length, trainRandom, source + " training"),
                generate(test, length, testRandom, source + " test"));
    }

    private static void checkSize(int count, int length, String key) {
        if ((long) count * length * CHANNELS > Integer.MAX_VALUE - 8) {
            throw new DataException("dataset." + key + "=" + count + " sequences of dataset.length=" + length
                    + " steps make more than " + (Integer.MAX_VALUE - 8) + " values; use fewer or shorter sequences");
        }
    }

    /** {@code count} sequences drawn from {@code random}, as a sequence of {@code length} steps. */
    static Examples generate(int count, int length, SplittableRandom random, String source) {
        int half = length / 2;
        int perExample = length * CHANNELS;
        float[] x = new float[count * perExample];
        float[] y = new float[count];
        for (int e = 0; e < count; e++) {
            int base = e * perExample;
            for (int t = 0; t < length; t++) {
                // 24 random bits: exactly representable, so the value stays below 1 as a float
                x[base + t * CHANNELS] = random.nextInt(1 << 24) / (float) (1 << 24);
            }
            int first = random.nextInt(half);
            int second = half + random.nextInt(length - half);
            x[base + first * CHANNELS + 1] = 1;
            x[base + second * CHANNELS + 1] = 1;
            y[e] = x[base + first * CHANNELS] + x[base + second * CHANNELS];
        }
        return Examples.regression(source, x, perExample, y, 1).asSequence(length);
    }
}
