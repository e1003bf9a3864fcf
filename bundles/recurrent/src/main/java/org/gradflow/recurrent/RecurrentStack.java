package org.gradflow.recurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;

/**
 * The settings the three recurrent architectures share, and the network they all build:
 * <pre>
 * layer "&lt;kind&gt;1" .. "&lt;kind&gt;N"  one recurrent layer per width in hidden; every one but the last returns
 *                                 the sequence [B, T*H_i], the last one too when the output is per step
 * layer "out"   many-to-one:  dense H_N -&gt; outputs, applied to h_{T-1}              (ModelContext.dense)
 *               many-to-many: the same dense H_N -&gt; K applied at every step, K = outputs / T
 * </pre>
 */
final class RecurrentStack {
    static final ParameterSpec OUTPUT = ParameterSpec.choice("output", "auto",
            "what the network predicts from: last (the final hidden state, one prediction per sequence), "
                    + "sequence (every hidden state, a prediction per step), or auto (sequence when the data set "
                    + "has a target per step, else last)",
            "auto", "last", "sequence");
    static final ParameterSpec BPTT_WINDOW = ParameterSpec.integer("bptt-window", 0,
            "truncated back-propagation through time: the state gradient is cut every k steps (0 = full BPTT)")
            .nonNegative();
    static final ParameterSpec LEARN_INITIAL_STATE = ParameterSpec.flag("learn-initial-state", false,
            "learn the state before the first step (initial_state, and initial_cell for lstm) instead of zeros");

    /** Makes recurrent layer {@code index} (1-based) from its options. */
    interface LayerMaker {
        Layer make(int index, LayerOptions options);
    }

    private RecurrentStack() {
    }

    /** The shared settings, then the architecture's own. */
    static List<ParameterSpec> parameters(ParameterSpec... own) {
        return Stream.concat(Stream.of(OUTPUT, BPTT_WINDOW, LEARN_INITIAL_STATE), Stream.of(own)).toList();
    }

    static List<Layer> build(ModelContext context, String kind, LayerMaker maker) {
        List<Integer> hidden = context.hiddenSizes();
        if (hidden.isEmpty()) {
            throw new ConfigurationException("architecture=" + kind + " needs at least one hidden width in 'hidden', "
                    + "e.g. hidden=32 for one " + kind + " layer or hidden=32x2 for two stacked ones");
        }
        int steps = context.steps();
        if (steps < 1 || context.inputSize() % steps != 0) {
            throw new ConfigurationException("architecture=" + kind + " reads each example as " + steps
                    + " time steps, but it has " + context.inputSize() + " features, not a multiple; "
                    + "use a sequence data set, whose features are [steps, features per step]");
        }
        boolean sequence = sequenceOutput(context, kind);
        Settings settings = context.settings();
        int window = settings.integer(BPTT_WINDOW);
        boolean learnInitialState = settings.flag(LEARN_INITIAL_STATE);
        List<Layer> layers = new ArrayList<>();
        int in = context.inputSize() / steps;
        for (int i = 1; i <= hidden.size(); i++) {
            int width = hidden.get(i - 1);
            rejectNormalization(context, kind, i, width);
            boolean returnsSequence = i < hidden.size() || sequence;
            layers.add(maker.make(i, new LayerOptions(kind + i, in, width, steps, returnsSequence, window,
                    learnInitialState, context.backend(), context.precision())));
            in = width;
        }
        layers.add(sequence
                ? new TimeDistributedDense("out", in, context.outputSize() / steps, steps, context.backend(),
                        context.precision())
                : context.dense("out", in, context.outputSize(), null));
        return layers;
    }

    /** Whether the output layer predicts at every step, from the {@code output} setting and the data set. */
    private static boolean sequenceOutput(ModelContext context, String kind) {
        Settings settings = context.settings();
        String key = settings.key(OUTPUT);
        String output = settings.text(OUTPUT);
        if (output.equals("sequence") && !context.outputPerStep()) {
            throw new ConfigurationException(key + "=sequence needs a data set with a target per time step (such as "
                    + "copy-memory); this one has one target per sequence: use " + key + "=last or " + key + "=auto");
        }
        boolean sequence = output.equals("sequence") || (output.equals("auto") && context.outputPerStep());
        if (sequence && context.outputSize() % context.steps() != 0) {
            throw new ConfigurationException(key + "=" + output + " predicts at each of " + context.steps()
                    + " steps, but the data set has " + context.outputSize() + " outputs, not a multiple; use "
                    + key + "=last to predict all of them from the last hidden state");
        }
        return sequence;
    }

    /** The run's normalization has no place between time steps here: say so rather than ignore it. */
    private static void rejectNormalization(ModelContext context, String kind, int index, int width) {
        Layer normalization = context.normalization(index, kind + index + ".norm", width);
        if (normalization != null) {
            normalization.close();
            throw new ConfigurationException("architecture=" + kind + " applies no normalization to its hidden layers, "
                    + "but the spec asks for one on hidden layer " + index + "; remove the normalization setting "
                    + "(and its per-layer overrides) from the spec");
        }
    }
}
