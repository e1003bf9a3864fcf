package org.gradflow.core.run;

import java.util.ArrayList;
import java.util.List;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;

/**
 * The run-spec keys the core itself reads, declared once: they validate specs, fill defaults into the
 * resolved spec, and are listed by {@code docs/run-spec.md}. Component keys live under each chosen
 * component's prefix ({@code optimizer.lr}) and are declared by the component.
 */
public final class CoreKeys {
    public static final ParameterSpec DATASET = ParameterSpec.text("dataset", "synthetic", "data set component");
    public static final ParameterSpec ARCHITECTURE = ParameterSpec.text("architecture", "mlp", "architecture component");
    public static final ParameterSpec HIDDEN = ParameterSpec.text("hidden", "64x2",
            "hidden layer widths: 256x8 (8 layers of 256), 512,256 or 512x2,128; empty for none");
    public static final ParameterSpec ACTIVATION = ParameterSpec.text("activation", "relu", "activation component of the hidden layers");
    public static final ParameterSpec INITIALIZER = ParameterSpec.text("initializer", "xavier-uniform", "weight initializer component");
    public static final ParameterSpec BIAS_INIT = ParameterSpec.real("bias-init", 0, "initial value of every bias");
    public static final ParameterSpec OPTIMIZER = ParameterSpec.text("optimizer", "sgd", "optimizer component");
    public static final ParameterSpec LOSS = ParameterSpec.choice("loss", "auto",
            "loss: auto picks softmax-cross-entropy for classification, mse for regression",
            "auto", "softmax-cross-entropy", "mse");
    public static final ParameterSpec EPOCHS = ParameterSpec.integer("epochs", 10, "passes over the training data").within(1, 1_000_000);
    public static final ParameterSpec BATCH = ParameterSpec.integer("batch", 64, "mini-batch size").within(1, 1_000_000);
    public static final ParameterSpec SEED = ParameterSpec.integer("seed", 1, "seed of every random choice (initialization, shuffling, generated data)").within(0, Integer.MAX_VALUE);
    public static final ParameterSpec SHUFFLE = ParameterSpec.flag("shuffle", true, "shuffle the training examples every epoch (seeded)");
    public static final ParameterSpec BACKEND = ParameterSpec.text("backend", null, "compute backend component; default the installed one with the highest service ranking");
    public static final ParameterSpec PRECISION = ParameterSpec.choice("precision", "float32", "element type of tensors", "float32", "float64");
    public static final ParameterSpec INIT_FROM = ParameterSpec.text("init.from", null,
            "safetensors file to start from (a run's model.safetensors); replaces the initializer");
    public static final ParameterSpec STATS_INTERVAL = ParameterSpec.integer("stats.interval", 10,
            "record gradient statistics every N steps").within(1, 1_000_000);
    public static final ParameterSpec REGULARIZERS = ParameterSpec.text("regularizers", "",
            "comma-separated regularizer components; each one's keys under regularizer.<name>.");
    public static final ParameterSpec CLIPPER = ParameterSpec.text("clipper", "", "gradient clipper component; empty for none");
    public static final ParameterSpec NORMALIZATION = ParameterSpec.text("normalization", "",
            "normalization component of the hidden layers (batch-norm, layer-norm); empty for none");
    public static final ParameterSpec NORMALIZATION_POSITION = ParameterSpec.choice("normalization-position", "before",
            "normalize the pre-activations (before the activation, as Ioffe and Szegedy do) or the activations (after)",
            "before", "after");
    public static final ParameterSpec SCHEDULE = ParameterSpec.text("schedule", "",
            "learning-rate schedule component; empty keeps optimizer.lr constant");
    public static final ParameterSpec WARMUP_STEPS = ParameterSpec.integer("warmup-steps", 0,
            "linear warmup: the learning rate factor is multiplied by min(1, step / warmup-steps)").within(0, Integer.MAX_VALUE);
    public static final ParameterSpec FREEZE = ParameterSpec.text("freeze", "",
            "layers whose parameters stay fixed (transfer learning): 1-based positions or names, e.g. 1,2 or fc1,fc2");
    public static final ParameterSpec PRETRAIN = ParameterSpec.text("pretrain", "",
            "greedy layer-wise pre-trainer component (autoencoder, rbm) run before training; empty for none");
    public static final ParameterSpec LABELLED = ParameterSpec.integer("labelled", 0,
            "train with the labels of only this many training examples, balanced over the classes (0 = all); pre-training still sees every training input")
            .within(0, Integer.MAX_VALUE);
    public static final ParameterSpec DIAGNOSIS = ParameterSpec.text("diagnosis", "standard",
            "diagnosis component that turns the health checks into verdicts; none to switch it off");
    public static final ParameterSpec HEALTH_INTERVAL = ParameterSpec.integer("health.interval", 50,
            "run a health check (activation statistics, gradient through time, verdict) every N steps and at the end of every epoch")
            .within(1, 1_000_000);
    public static final ParameterSpec SATURATION_THRESHOLD = ParameterSpec.real("health.saturation-threshold", 0.01,
            "a unit of a bounded activation counts as saturated where |f'(z)| is below this fraction of the activation's typical slope")
            .withinExcludingUpper(0, 1);
    public static final ParameterSpec ON_NONFINITE = ParameterSpec.choice("on-nonfinite", "stop",
            "when the loss or a gradient becomes NaN or infinite: stop the run, or skip that step's update (the run stops after 20 skips in a row)",
            "stop", "skip");
    public static final ParameterSpec LABEL = ParameterSpec.text("label", null, "free text shown in the run list");

    public static final List<ParameterSpec> ALL = List.of(DATASET, ARCHITECTURE, HIDDEN, ACTIVATION, INITIALIZER,
            BIAS_INIT, OPTIMIZER, LOSS, EPOCHS, BATCH, SEED, SHUFFLE, BACKEND, PRECISION, INIT_FROM, STATS_INTERVAL,
            REGULARIZERS, CLIPPER, NORMALIZATION, NORMALIZATION_POSITION, SCHEDULE, WARMUP_STEPS, FREEZE, PRETRAIN, LABELLED, DIAGNOSIS, HEALTH_INTERVAL, SATURATION_THRESHOLD, ON_NONFINITE, LABEL);

    private CoreKeys() {
    }

    /** Parses {@code hidden}: {@code 256x8}, {@code 512,256}, {@code 512x2,128}, or empty. */
    public static List<Integer> parseHidden(String text) {
        List<Integer> sizes = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return sizes;
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            String[] wc = p.split("x");
            try {
                int width = Integer.parseInt(wc[0].strip());
                int count = wc.length == 2 ? Integer.parseInt(wc[1].strip()) : 1;
                if (wc.length > 2 || width <= 0 || count <= 0 || count > 10_000) {
                    throw new NumberFormatException();
                }
                for (int i = 0; i < count; i++) {
                    sizes.add(width);
                }
            } catch (NumberFormatException e) {
                throw new ConfigurationException("hidden=" + text + " is invalid at '" + p
                        + "': write widths like 256x8 (8 layers of 256), 512,256 or 512x2,128");
            }
        }
        return sizes;
    }
}
