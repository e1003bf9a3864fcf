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
 * The copy (memory) task (Hochreiter &amp; Schmidhuber, "Long Short-Term Memory", Neural Computation
 * 1997; in the variant of Arjovsky, Shah &amp; Bengio, "Unitary Evolution Recurrent Neural Networks",
 * ICML 2016, section 4.1): remember a sequence of symbols across a long delay and reproduce it on a cue.
 *
 * <p>A sequence has {@code T = length + delay + length} steps. The first {@code length} steps show
 * random data symbols (uniform over {@code symbols}), then {@code delay - 1} blank steps, then the go
 * marker, then {@code length} blank steps, during which the model must output the remembered symbols in
 * order. Inputs are one-hot over {@code symbols + 2} channels per step, laid out {@code [T, symbols + 2]}:
 * channels {@code 0 .. symbols - 1} the data symbols, channel {@code symbols} the blank, channel
 * {@code symbols + 1} the go marker. (Arjovsky et al. use 8 data symbols, 10 to remember and delays of
 * 100 to 500; the defaults here are short enough to learn quickly.)
 *
 * <p>The targets are a prediction per step (many-to-many), given as regression targets one-hot over
 * {@code symbols + 1} classes per step, laid out {@code [T, symbols + 1]}: class 0 the blank, classes
 * {@code 1 .. symbols} the data symbols. The last {@code length} steps reproduce the input symbols, every
 * other step is blank. The intended loss is a softmax cross-entropy per step, which the core will add
 * with the recurrent work; meanwhile mean squared error on the one-hot targets works. The memoryless
 * baseline (blank until the cue, then a uniform guess) has a cross-entropy of
 * {@code length * ln(symbols) / T} per step.
 *
 * <p>Deterministic from the seed; the training and test examples come from different random streams.
 */
@Component(service = Dataset.class)
@GradflowComponent(name = "copy-memory", description = "reproduce a sequence of symbols after a long delay (recurrent memory test)")
public final class CopyMemory implements Dataset {
    static final ParameterSpec SYMBOLS = ParameterSpec.integer("symbols", 8, "number of data symbols").within(2, 1000);
    static final ParameterSpec LENGTH = ParameterSpec.integer("length", 10,
            "number of symbols to remember and reproduce").within(1, 1 << 16);
    static final ParameterSpec DELAY = ParameterSpec.integer("delay", 20,
            "steps from the last symbol shown to the go marker, inclusive (delay - 1 blanks, then the marker)")
            .within(1, 1 << 20);
    static final ParameterSpec TRAIN = ParameterSpec.integer("train", 10000, "number of training sequences").within(1, 1 << 24);
    static final ParameterSpec TEST = ParameterSpec.integer("test", 1000, "number of test sequences").within(1, 1 << 24);

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(SYMBOLS, LENGTH, DELAY, TRAIN, TEST);
    }

    @Override
    public DataSplits load(Settings settings, long seed) {
        int symbols = settings.integer(SYMBOLS);
        int length = settings.integer(LENGTH);
        int delay = settings.integer(DELAY);
        int train = settings.integer(TRAIN);
        int test = settings.integer(TEST);
        int steps = 2 * length + delay;
        checkSize(train, steps, symbols, "train");
        checkSize(test, steps, symbols, "test");
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom trainRandom = root.split();
        SplittableRandom testRandom = root.split();
        String source = "copy-memory (seed " + seed + ")";
        return new DataSplits("copy-memory: " + train + " training and " + test + " test sequences of " + steps
                + " steps (" + length + " of " + symbols + " symbols, go marker after " + delay
                + " steps, then reproduce them), one-hot inputs " + (symbols + 2) + " and targets " + (symbols + 1)
                + " per step, seed " + seed,
                generate(train, symbols, length, delay, trainRandom, source + " training"),
                generate(test, symbols, length, delay, testRandom, source + " test"));
    }

    private static void checkSize(int count, int steps, int symbols, String key) {
        if ((long) count * steps * (symbols + 2) > Integer.MAX_VALUE - 8) {
            throw new DataException("dataset." + key + "=" + count + " sequences of " + steps
                    + " steps (2 x dataset.length + dataset.delay) with " + (symbols + 2)
                    + " inputs each make more than " + (Integer.MAX_VALUE - 8)
                    + " values; use fewer or shorter sequences or fewer symbols");
        }
    }

    /** {@code count} sequences drawn from {@code random}, as a sequence of {@code 2 * length + delay} steps. */
    static Examples generate(int count, int symbols, int length, int delay, SplittableRandom random, String source) {
        int steps = 2 * length + delay;
        int inputs = symbols + 2;
        int outputs = symbols + 1;
        int blankInput = symbols;
        int goInput = symbols + 1;
        float[] x = new float[count * steps * inputs];
        float[] y = new float[count * steps * outputs];
        int[] shown = new int[length];
        for (int e = 0; e < count; e++) {
            int xBase = e * steps * inputs;
            int yBase = e * steps * outputs;
            for (int t = 0; t < length; t++) {
                shown[t] = random.nextInt(symbols);
            }
            for (int t = 0; t < steps; t++) {
                int input;
                int target;
                if (t < length) {
                    input = shown[t];
                } else if (t == length + delay - 1) {
                    input = goInput;
                } else {
                    input = blankInput;
                }
                target = t >= length + delay ? 1 + shown[t - length - delay] : 0;
                x[xBase + t * inputs + input] = 1;
                y[yBase + t * outputs + target] = 1;
            }
        }
        return Examples.regression(source, x, steps * inputs, y, steps * outputs).asSequenceWithTargetPerStep(steps);
    }
}
