package org.gradflow.testkit;

import java.util.Random;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * Random test data, reproducible from a seed: Gaussian tensors in double precision and random values
 * for a layer's parameters (as an initializer would give them). Each value is
 * {@code mean + scale * random.nextGaussian()}, drawn in row-major order.
 */
public final class TestTensors {
    private TestTensors() {
    }

    /** A new FLOAT64 {@code [rows, cols]} tensor of N(0, scale²) values from {@code new Random(seed)}. */
    public static Tensor gaussian(ComputeBackend backend, int rows, int cols, long seed, double scale) {
        return gaussian(backend, rows, cols, new Random(seed), scale);
    }

    /** A new FLOAT64 {@code [rows, cols]} tensor of N(0, scale²) values drawn from {@code random}. */
    public static Tensor gaussian(ComputeBackend backend, int rows, int cols, Random random, double scale) {
        Tensor t = backend.allocate(rows, cols, Precision.FLOAT64);
        fill(t, random, scale);
        return t;
    }

    /** Overwrites {@code t} with N(0, scale²) values drawn from {@code random}. */
    public static void fill(Tensor t, Random random, double scale) {
        fill(t, random, 0, scale);
    }

    /**
     * Gives every parameter of {@code layer} random values, in parameter order from {@code new Random(seed)}:
     * {@link Parameter.Role#WEIGHT} ones N(0, 1/fanIn), all others N(0, 0.3²).
     */
    public static void randomize(Layer layer, long seed) {
        randomize(layer, seed, 0);
    }

    /**
     * As {@link #randomize(Layer, long)}, but {@link Parameter.Role#SELF_INITIALIZED} parameters are
     * centred on {@code selfInitializedMean} (1 for a normalization's scale, say).
     */
    public static void randomize(Layer layer, long seed, double selfInitializedMean) {
        Random random = new Random(seed);
        for (Parameter p : layer.parameters()) {
            double scale = p.role() == Parameter.Role.WEIGHT ? 1.0 / Math.sqrt(p.fanIn()) : 0.3;
            double mean = p.role() == Parameter.Role.SELF_INITIALIZED ? selfInitializedMean : 0;
            fill(p.value(), random, mean, scale);
        }
    }

    private static void fill(Tensor t, Random random, double mean, double scale) {
        double[] v = new double[(int) t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * random.nextGaussian() + mean;
        }
        t.backend().upload(v, 0, t);
    }
}
