package org.gradflow.pretrainers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.dataset.Examples;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.pretrain.PretrainContext;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Tensor;

/**
 * The greedy layer-wise loop both pre-trainers share (Hinton, Osindero &amp; Teh, "A fast learning
 * algorithm for deep belief nets", Neural Computation 18, 2006; Bengio, Lamblin, Popovici &amp;
 * Larochelle, "Greedy layer-wise training of deep networks", NIPS 2006/2007). With {@code L} layers,
 * input first:
 *
 * <pre>
 * check that layers 1 .. L-1 are dense (DenseParts), before anything is trained
 * for i = 1 .. L-1                       (layer L, the output layer, is not touched)
 *   trainer = a fresh per-layer trainer for layer i
 *   for epoch = 1 .. epochs
 *     shuffle the example indices with context.random()  (Fisher-Yates, j = nextInt(n + 1), n = N-1 .. 1)
 *     for each batch of up to `batch` examples in that order (the last one may be smaller)
 *       x = features of the batch                             [B, F]
 *       x = layer_j.forward(x, false) for j = 1 .. i-1        [B, in_i]
 *       loss += trainer.step(x)
 *     context.report(i, epoch, loss / batches)
 * </pre>
 *
 * Layer i's inputs are recomputed per batch through the already pre-trained layers below it, in
 * evaluation mode, rather than stored: the inputs of a wide layer for a large data set would take as
 * much memory as the data set again, and a forward pass costs little next to the training step. Only
 * the features of {@link PretrainContext#inputs()} are read, never labels or targets.
 * {@link PretrainContext#cancelled()} is checked before every batch; once it is true the loop returns
 * at once, without reporting the unfinished epoch.
 */
final class Greedy {
    static final ParameterSpec EPOCHS = ParameterSpec.integer("epochs", 1, "number of pre-training epochs per layer")
            .atLeast(1);
    static final ParameterSpec BATCH = ParameterSpec.integer("batch", 64, "examples per pre-training mini-batch")
            .atLeast(1);

    /** Trains one layer, one batch at a time; owns its state (decoder, visible bias, velocities). */
    interface LayerTrainer extends AutoCloseable {
        /**
         * One update from the batch {@code x [B, in]} (owned by the caller; not to be modified).
         *
         * @return the batch's mean reconstruction loss
         */
        double step(Tensor x);

        /** Releases the trainer's tensors. */
        @Override
        void close();
    }

    /** Makes the trainer of one layer. */
    interface TrainerFactory {
        /** @param index 1-based position of {@code layer} in the network */
        LayerTrainer create(int index, Layer layer, DenseParts dense);
    }

    private Greedy() {
    }

    /** Runs the loop above; {@code pretrainer} names the component in error messages. */
    static void pretrain(PretrainContext context, String pretrainer, TrainerFactory factory) {
        List<Layer> layers = context.layers();
        if (layers.size() < 2) {
            throw new ConfigurationException("pretrain=" + pretrainer + " has nothing to pre-train: the network has no"
                    + " hidden layer; add hidden layers (e.g. hidden=256x2) or drop pretrain");
        }
        Examples data = context.inputs();
        int features = data.featureCount();
        if (layers.get(0).inputSize() != features) {
            throw new IllegalArgumentException("layer " + layers.get(0).name() + " takes " + layers.get(0).inputSize()
                    + " inputs but the examples have " + features + " features");
        }
        if (data.count() == 0) {
            throw new ConfigurationException("pretrain=" + pretrainer + " has no examples to learn from");
        }
        List<DenseParts> dense = new ArrayList<>();
        for (int i = 0; i < layers.size() - 1; i++) {
            dense.add(DenseParts.of(layers.get(i), i + 1, pretrainer));
        }
        int epochs = context.settings().integer(EPOCHS);
        int batch = Math.min(context.settings().integer(BATCH), data.count());
        try (Batches batches = new Batches(context, batch)) {
            for (int i = 0; i < dense.size(); i++) {
                try (LayerTrainer trainer = factory.create(i + 1, layers.get(i), dense.get(i))) {
                    for (int epoch = 1; epoch <= epochs; epoch++) {
                        int[] order = shuffled(data.count(), context.random());
                        double sum = 0;
                        int count = 0;
                        for (int start = 0; start < order.length; start += batch) {
                            if (context.cancelled()) {
                                return;
                            }
                            Tensor x = batches.load(order, start, Math.min(batch, order.length - start));
                            for (int j = 0; j < i; j++) {
                                x = layers.get(j).forward(x, false);
                            }
                            sum += trainer.step(x);
                            count++;
                        }
                        context.report(i + 1, epoch, sum / count);
                    }
                }
            }
        }
    }

    /** A random permutation of {@code 0 .. n-1} (Fisher-Yates). */
    static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Uploads batches of features, {@code [B, F]} in the run's precision, one tensor per batch size. */
    private static final class Batches implements AutoCloseable {
        private final ComputeBackend backend;
        private final PretrainContext context;
        private final float[] features;
        private final int width;
        private final double[] host;
        private final Map<Integer, Tensor> bySize = new HashMap<>();

        Batches(PretrainContext context, int batch) {
            this.context = context;
            this.backend = context.backend();
            this.features = context.inputs().features();
            this.width = context.inputs().featureCount();
            this.host = new double[batch * width];
        }

        Tensor load(int[] order, int start, int rows) {
            for (int r = 0; r < rows; r++) {
                int from = order[start + r] * width;
                for (int c = 0; c < width; c++) {
                    host[r * width + c] = features[from + c];
                }
            }
            Tensor t = bySize.computeIfAbsent(rows, n -> backend.allocate(n, width, context.precision()));
            backend.upload(host, 0, t);
            return t;
        }

        @Override
        public void close() {
            bySize.values().forEach(Tensor::close);
        }
    }
}
