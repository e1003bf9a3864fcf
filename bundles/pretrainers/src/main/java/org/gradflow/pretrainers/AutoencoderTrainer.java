package org.gradflow.pretrainers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * Pre-trains one hidden layer as the encoder of a (denoising) autoencoder; see {@link Autoencoder}
 * for the model. One {@link #step} on a batch {@code x [B, in]}:
 *
 * <pre>
 * 1. zero the gradients of the layer's parameters and the decoder's
 * 2. m  = dropoutMask(1 - corruption, 1, random.nextLong())   (skipped when corruption = 0: m = 1)
 * 3. x~ = x * m                                               masking noise
 * 4. h  = layer.forward(x~, true)                             the layer's own activation etc. apply
 * 5. L  = reconstruction.forward(h, x)                        against the clean x
 * 6. layer.backward(reconstruction.backward())                 accumulates dW, db (and the rest)
 * 7. momentum SGD on every parameter of the layer and the decoder (frozen ones skipped)
 * </pre>
 *
 * The decoder weight, when untied, starts Xavier-uniform, {@code U(-a, a)} with
 * {@code a = sqrt(6 / (in + out))}, drawn row-major from the run's generator; the decoder bias starts
 * at 0. The decoder is dropped when the layer is done. Steps 1 to 6 are {@link #lossAndGradients}, so
 * tests can check the gradients against finite differences with a fixed mask.
 */
final class AutoencoderTrainer implements Greedy.LayerTrainer {
    private final Layer layer;
    private final double corruption;
    private final Random random;
    private final ComputeBackend backend;
    private final Precision precision;
    private final Reconstruction reconstruction;
    private final MomentumSgd sgd;
    private final Map<Integer, Tensor[]> noisy = new HashMap<>();

    AutoencoderTrainer(Layer layer, DenseParts dense, boolean tied, double corruption, double learningRate,
            double momentum, Random random) {
        this.layer = layer;
        this.corruption = corruption;
        this.random = random;
        Tensor w = dense.weight().value();
        this.backend = w.backend();
        this.precision = w.precision();
        int in = layer.inputSize();
        int out = layer.outputSize();
        Parameter decoderBias = new Parameter("decoder.bias", Parameter.Role.BIAS, backend.allocate(1, in, precision),
                backend.allocate(1, in, precision), out, in);
        Parameter decoderWeight = dense.weight();
        if (!tied) {
            decoderWeight = new Parameter("decoder.weight", Parameter.Role.WEIGHT, backend.allocate(in, out, precision),
                    backend.allocate(in, out, precision), out, in);
            double a = Math.sqrt(6.0 / (in + out));
            double[] v = new double[in * out];
            for (int i = 0; i < v.length; i++) {
                v[i] = a * (2 * random.nextDouble() - 1);
            }
            backend.upload(v, 0, decoderWeight.value());
        }
        this.reconstruction = new Reconstruction(decoderWeight, tied, decoderBias);
        List<Parameter> trained = new ArrayList<>(layer.parameters());
        trained.addAll(reconstruction.parameters());
        this.sgd = new MomentumSgd(learningRate, momentum, trained);
    }

    /** The decoder's own parameters ({@code c}, and {@code D} when untied), for tests. */
    List<Parameter> decoderParameters() {
        return reconstruction.parameters();
    }

    @Override
    public double step(Tensor x) {
        Tensor mask = null;
        if (corruption > 0) {
            mask = buffers(x.rows())[1];
            backend.dropoutMask(1 - corruption, 1, random.nextLong(), mask);
        }
        double loss = lossAndGradients(x, mask);
        sgd.step();
        return loss;
    }

    /**
     * Steps 1 to 6: the loss of the batch with this mask ({@code null}: no corruption); the gradients
     * of every trained parameter are left in their {@code gradient()}.
     */
    double lossAndGradients(Tensor x, Tensor mask) {
        sgd.zeroGradients();
        Tensor input = x;
        if (mask != null) {
            input = buffers(x.rows())[0];
            backend.copy(x, input);
            backend.multiply(mask, input);
        }
        Tensor h = layer.forward(input, true);
        double loss = reconstruction.forward(h, x);
        layer.backward(reconstruction.backward());
        return loss;
    }

    /** {@code [x~, mask]} for this batch size. */
    private Tensor[] buffers(int rows) {
        return noisy.computeIfAbsent(rows, r -> new Tensor[] {backend.allocate(r, layer.inputSize(), precision),
            backend.allocate(r, layer.inputSize(), precision)});
    }

    /** Leaves the layer's gradients at 0 and releases the decoder, the velocities and the buffers. */
    @Override
    public void close() {
        sgd.zeroGradients();
        sgd.close();
        reconstruction.close();
        for (Parameter p : reconstruction.parameters()) { // c, and D when untied: never the layer's W
            p.value().close();
            p.gradient().close();
        }
        noisy.values().forEach(ts -> {
            for (Tensor t : ts) {
                t.close();
            }
        });
    }
}
