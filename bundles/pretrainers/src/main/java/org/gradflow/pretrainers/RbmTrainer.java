package org.gradflow.pretrainers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * Pre-trains one hidden layer as a Bernoulli-Bernoulli RBM with contrastive divergence CD-k; see
 * {@link Rbm} for the model. Hidden bias {@code b [1, out]} and weight {@code W [out, in]} are the
 * layer's; the visible bias {@code c [1, in]} is the trainer's own (starting at 0, dropped afterwards).
 * One {@link #step} on a batch {@code v0 [B, in]}, with {@code s(z)} the logistic function:
 *
 * <pre>
 * 1. ph0 = s(v0 W^T + b)                                  [B, out]
 * 2. h   = sample(ph0)
 * 3. for t = 1 .. k:
 *      v_t  = s(h W + c)                                  [B, in]   probabilities, not samples
 *      ph_t = s(v_t W^T + b)                              [B, out]
 *      h    = sample(ph_t)          only when t &lt; k: the last hidden step uses probabilities ph_k
 * 4. gradients of the negative log-likelihood estimate (written, not accumulated):
 *      dW = (ph_k^T v_k - ph0^T v0) / B
 *      db = sum_rows(ph_k - ph0) / B
 *      dc = sum_rows(v_k - v0) / B
 * 5. momentum SGD on W, b, c (frozen ones skipped): the first step is
 *      W += lr (ph0^T v0 - ph_k^T v_k) / B,  b += lr mean(ph0 - ph_k),  c += lr mean(v0 - v_k)
 * 6. loss = (1 / (B in)) sum (v0 - v_k)^2                 reported, not optimized
 * </pre>
 *
 * {@code sample(p)} draws Bernoulli units on the host: {@code p} is downloaded, and element
 * {@code (n, j)} in row-major order becomes 1 when {@code u < p[n][j]} and 0 otherwise, with
 * {@code u = random.nextDouble()} taken in that same order; the result is uploaded. This costs one
 * round trip per sample, acceptable for pre-training, which is a small part of a run, and makes the
 * samples identical on every backend. Using probabilities for the visible reconstructions and for the
 * last hidden step follows Hinton's practical guide (sections 3.2 and 3.3): it reduces sampling noise
 * without changing the expected update much.
 *
 * <p>The first batch's {@code v0} is checked to lie in {@code [0, 1]}, since the visible units are
 * Bernoulli probabilities.
 */
final class RbmTrainer implements Greedy.LayerTrainer {
    private final DenseParts dense;
    private final int k;
    private final Random random;
    private final String inputSource;
    private final String fix;
    private final ComputeBackend backend;
    private final Precision precision;
    private final int in;
    private final int out;
    private final Parameter visibleBias;
    private final MomentumSgd sgd;
    private final Map<Integer, Tensor[]> buffers = new HashMap<>();
    private boolean checked;

    /**
     * @param inputSource what the layer's inputs are, for the range error ({@code "the data"})
     * @param fix         what to change when they are outside [0, 1]
     */
    RbmTrainer(DenseParts dense, int k, double learningRate, double momentum, Random random, String inputSource,
            String fix) {
        this.dense = dense;
        this.k = k;
        this.random = random;
        this.inputSource = inputSource;
        this.fix = fix;
        Tensor w = dense.weight().value();
        this.backend = w.backend();
        this.precision = w.precision();
        this.out = w.rows();
        this.in = w.cols();
        this.visibleBias = new Parameter("visible-bias", Parameter.Role.BIAS, backend.allocate(1, in, precision),
                backend.allocate(1, in, precision), out, in);
        this.sgd = new MomentumSgd(learningRate, momentum, List.of(dense.weight(), dense.bias(), visibleBias));
    }

    /** The visible bias {@code c}, for tests. */
    Parameter visibleBias() {
        return visibleBias;
    }

    @Override
    public double step(Tensor v0) {
        int rows = v0.rows();
        if (!checked) {
            checkRange(v0);
            checked = true;
        }
        // ph0, h, v, ph, dH, dV
        Tensor[] t = buffers.computeIfAbsent(rows, r -> new Tensor[] {backend.allocate(r, out, precision),
            backend.allocate(r, out, precision), backend.allocate(r, in, precision), backend.allocate(r, out, precision),
            backend.allocate(r, out, precision), backend.allocate(r, in, precision)});
        Tensor ph0 = t[0];
        Tensor h = t[1];
        Tensor v = t[2];
        Tensor ph = t[3];
        Tensor w = dense.weight().value();
        hidden(v0, ph0);
        sample(ph0, h);
        for (int step = 1; step <= k; step++) {
            backend.matmul(h, false, w, false, 1, 0, v);
            backend.addRowVector(visibleBias.value(), v);
            backend.activate(GateFunction.SIGMOID, v, v);
            hidden(v, ph);
            if (step < k) {
                sample(ph, h);
            }
        }
        double scale = 1.0 / rows;
        backend.matmul(ph, true, v, false, scale, 0, dense.weight().gradient());
        backend.matmul(ph0, true, v0, false, -scale, 1, dense.weight().gradient());
        backend.copy(ph, t[4]);
        backend.axpby(-scale, ph0, scale, t[4]);
        backend.sumRows(t[4], 0, dense.bias().gradient());
        backend.copy(v, t[5]);
        backend.axpby(-scale, v0, scale, t[5]);
        backend.sumRows(t[5], 0, visibleBias.gradient());
        sgd.step();
        return backend.squaredDistance(v0, v) / ((double) rows * in);
    }

    /** {@code p = s(v W^T + b)}. */
    private void hidden(Tensor v, Tensor p) {
        backend.matmul(v, false, dense.weight().value(), true, 1, 0, p);
        backend.addRowVector(dense.bias().value(), p);
        backend.activate(GateFunction.SIGMOID, p, p);
    }

    /** {@code h = 1 where u < p, else 0}, with one {@code random.nextDouble()} per element, row-major. */
    private void sample(Tensor p, Tensor h) {
        double[] host = new double[(int) p.size()];
        backend.download(p, host, 0);
        for (int i = 0; i < host.length; i++) {
            host[i] = random.nextDouble() < host[i] ? 1 : 0;
        }
        backend.upload(host, 0, h);
    }

    private void checkRange(Tensor v0) {
        double[] host = new double[(int) v0.size()];
        backend.download(v0, host, 0);
        for (int i = 0; i < host.length; i++) {
            if (!(host[i] >= 0 && host[i] <= 1)) {
                throw new ConfigurationException("pretrain=rbm needs inputs in [0, 1] (its visible units are Bernoulli"
                        + " probabilities), but " + inputSource + " has " + host[i] + " (feature " + (i % in) + "); "
                        + fix);
            }
        }
    }

    /** Leaves the layer's gradients at 0 and releases {@code c}, the velocities and the buffers. */
    @Override
    public void close() {
        sgd.zeroGradients();
        sgd.close();
        visibleBias.value().close();
        visibleBias.gradient().close();
        for (Tensor[] ts : buffers.values()) {
            for (Tensor t : ts) {
                t.close();
            }
        }
    }
}
