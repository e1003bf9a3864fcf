package org.gradflow.pretrainers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.Examples;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.pretrain.PretrainContext;
import org.gradflow.api.pretrain.Pretrainer;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;

/** A {@link PretrainContext} over test layers and in-memory features that records the reports. */
final class TestContext implements PretrainContext {
    /** One {@code report} call. */
    record Report(int layer, int epoch, double loss) {
    }

    final List<Layer> layers;
    final Examples inputs;
    final Settings settings;
    final Random random;
    final List<Report> reports = new ArrayList<>();
    BooleanSupplier cancelled = () -> false;

    /**
     * @param features row-major {@code [count, layers.get(0).inputSize()]}
     * @param given    the pre-trainer's parameters as a run spec gives them (validated here)
     */
    TestContext(Pretrainer pretrainer, List<Layer> layers, double[] features, Map<String, String> given, Random random) {
        this.layers = layers;
        int width = layers.get(0).inputSize();
        float[] f = new float[features.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) features[i];
        }
        this.inputs = Examples.regression("test", f, width, new float[features.length / width], 1);
        this.settings = Settings.validate("pretrain.", given, pretrainer.parameters());
        this.random = random;
    }

    /** The losses reported for one layer, epoch 1 first. */
    List<Double> losses(int layer) {
        List<Double> out = new ArrayList<>();
        for (Report r : reports) {
            if (r.layer() == layer) {
                out.add(r.loss());
            }
        }
        return out;
    }

    public List<Layer> layers() { return layers; }
    public Examples inputs() { return inputs; }
    public Settings settings() { return settings; }
    public Random random() { return random; }
    public boolean cancelled() { return cancelled.getAsBoolean(); }
    public void report(int layerIndex, int epoch, double reconstructionLoss) {
        reports.add(new Report(layerIndex, epoch, reconstructionLoss));
    }
    public ComputeBackend backend() { return TestLayers.BACKEND; }
    public Precision precision() { return Precision.FLOAT64; }
    public Layer dense(String name, int in, int out, ActivationFunction activation) {
        return new TestLayers.Dense(name, in, out, activation, 0);
    }
}
