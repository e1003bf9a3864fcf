package org.gradflow.regularizers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * An inverted-dropout layer with drop rate {@code p} and keep probability {@code q = 1 - p}. Shapes: x,
 * y, mask, gy, gx all {@code [B, features]}.
 *
 * <pre>
 * training forward number k (k = 0, 1, ... over the layer's life):
 *   s_k  = mix(mix(seed) + (k + 1) * 0x9E3779B97F4A7C15)        the k-th output of SplitMix64 from state mix(seed)
 *   mask = dropoutMask(q, 1 / q, s_k)                          each element 1/q with probability q, else 0
 *   y    = x * mask                                            copy, then multiply
 * evaluation forward:  y = x                                   the input tensor itself
 * backward:            gx = gy * mask                          the mask of the last training forward
 * </pre>
 *
 * {@code E[y] = x}: each element is {@code x / q} with probability {@code q}. Every training forward
 * draws a fresh mask; the mask depends only on the seed and {@code k}, so a run with the same seed
 * drops the same units, on any backend ({@code dropoutMask} is specified bit for bit). Successive
 * {@code s_k} are the outputs of a SplitMix64 generator, so the masks of different steps do not share
 * streams. {@code mix} is SplitMix64's finalizer, the one {@code dropoutMask} uses. The seed is mixed
 * before the counter is added because the core derives layer seeds linearly
 * ({@code runSeed * 0x9E3779B97F4A7C15 + 31 i + r + 1}): without it, run seed {@code s + 1} would repeat
 * the masks of run seed {@code s} one step later, and neighbouring layers' streams would be shifted
 * copies. Buffers are kept per batch size and reused; the layer has no parameters. Reference:
 * Srivastava et al., JMLR 15, 2014; see {@link Dropout}.
 */
final class DropoutLayer implements Layer {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final String name;
    private final int features;
    private final double keep;
    private final long seed;
    private final ComputeBackend backend;
    private final Precision precision;
    private final Map<Integer, Buffers> buffersByBatch = new HashMap<>();
    private boolean inputGradientNeeded = true;
    private long trainingCalls;
    private boolean maskFrozen;
    private Buffers last;

    /** Per-batch-size work tensors, allocated once and reused. */
    private final class Buffers {
        final Tensor mask;
        final Tensor y;
        Tensor gx;
        boolean maskDrawn;

        Buffers(int rows) {
            mask = backend.allocate(rows, features, precision);
            y = backend.allocate(rows, features, precision);
        }

        Tensor gx() {
            if (gx == null) {
                gx = backend.allocate(mask.rows(), features, precision);
            }
            return gx;
        }

        void close() {
            mask.close();
            y.close();
            if (gx != null) {
                gx.close();
            }
        }
    }

    /** @param rate the drop probability p, in {@code (0, 1)} */
    DropoutLayer(String name, int features, double rate, long seed, ComputeBackend backend, Precision precision) {
        if (features <= 0 || !(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException(name + ": need features > 0 and 0 < rate < 1, got " + features
                    + " and " + rate);
        }
        this.name = name;
        this.features = features;
        this.keep = 1 - rate;
        this.seed = seed;
        this.backend = backend;
        this.precision = precision;
    }

    /** {@code s_k}: the mask seed of training forward number {@code k} (0-based) of a layer seeded with {@code seed}. */
    static long maskSeed(long seed, long k) {
        return mix(mix(seed) + (k + 1) * GOLDEN_GAMMA);
    }

    /** The SplitMix64 finalizer (Steele, Lea &amp; Flood, OOPSLA 2014), as in {@code ComputeBackend.dropoutMask}. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Test hook: from now on each batch size keeps the mask it has (or draws its next one and keeps
     * it), so that repeated training forwards compute the same function, as a finite-difference
     * gradient check needs. Never called in a run.
     */
    void freezeMask() {
        maskFrozen = true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return features;
    }

    @Override
    public int outputSize() {
        return features;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (input.cols() != features) {
            throw new IllegalArgumentException(name + ": expected " + features + " input features, got " + input.cols());
        }
        if (!training) {
            return input;
        }
        Buffers b = buffersByBatch.computeIfAbsent(input.rows(), Buffers::new);
        if (!(maskFrozen && b.maskDrawn)) {
            backend.dropoutMask(keep, 1 / keep, maskSeed(seed, trainingCalls++), b.mask);
            b.maskDrawn = true;
        }
        backend.copy(input, b.y);
        backend.multiply(b.mask, b.y);
        last = b;
        return b.y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Buffers b = last;
        if (b == null || gradOutput.rows() != b.y.rows() || gradOutput.cols() != features) {
            throw new IllegalStateException(name + ": backward without a matching training forward");
        }
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor gx = b.gx();
        backend.copy(gradOutput, gx);
        backend.multiply(b.mask, gx);
        return gx;
    }

    @Override
    public void close() {
        buffersByBatch.values().forEach(Buffers::close);
        buffersByBatch.clear();
        last = null;
    }
}
