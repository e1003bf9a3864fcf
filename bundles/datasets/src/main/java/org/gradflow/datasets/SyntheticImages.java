package org.gradflow.datasets;

import java.util.SplittableRandom;

import org.gradflow.api.dataset.Examples;

/**
 * A generated image classification problem shaped like Fashion-MNIST, deterministic from the seed.
 *
 * <p>The features form a {@code side x side} image when their count is a square (784 = 28 x 28), else
 * one row. Each class has a fixed smooth prototype: a pattern shared by all classes (like the common
 * silhouette of garments) plus {@value #CLASS_BLOBS} elongated Gaussian blobs of its own, scaled to
 * [0, 1]. An example of class {@code c} is
 * <pre>
 * x = clip(g * ((1 - w) * shift(P_c, dy, dx) + w * P_o) + b + noise * N(0, 1), 0, 1)
 * </pre>
 * with a random shift of up to {@value #MAX_SHIFT_FRACTION_PERCENT}% of the side, a random other class
 * {@code o} mixed in with weight {@code w} uniform in [0, {@value #MAX_MIX}], contrast {@code g} in
 * [0.75, 1.15], brightness {@code b} in [-0.08, 0.08] and Gaussian pixel noise. The shared pattern, the
 * shifts and the mixing make classes overlap: a linear model is well above chance after one epoch
 * but not perfect, and an MLP keeps improving for several epochs (see {@code SyntheticTest}).
 *
 * <p>Labels are balanced: {@code count / classes} examples per class (the first {@code count % classes}
 * classes one more), in a seeded random order. The prototypes depend only on the seed, the shape and the
 * class count, so training and test examples come from the same classes.
 */
final class SyntheticImages {
    static final int SHARED_BLOBS = 4;
    static final int CLASS_BLOBS = 4;
    static final double MAX_MIX = 0.4;
    static final int MAX_SHIFT_FRACTION_PERCENT = 7;

    private final int features;
    private final int classes;
    private final int rows;
    private final int cols;
    private final double noise;
    private final float[][] prototypes;
    private final SplittableRandom trainRandom;
    private final SplittableRandom testRandom;

    SyntheticImages(int features, int classes, double noise, long seed) {
        this.features = features;
        this.classes = classes;
        this.noise = noise;
        int side = (int) Math.round(Math.sqrt(features));
        if (side * side == features) {
            rows = side;
            cols = side;
        } else {
            rows = 1;
            cols = features;
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom shapes = root.split();
        trainRandom = root.split();
        testRandom = root.split();
        double[] shared = new double[features];
        addBlobs(shared, SHARED_BLOBS, 0.5, shapes);
        prototypes = new float[classes][];
        for (int c = 0; c < classes; c++) {
            double[] p = shared.clone();
            addBlobs(p, CLASS_BLOBS, 1.0, shapes);
            double max = 0;
            for (double v : p) {
                max = Math.max(max, v);
            }
            prototypes[c] = new float[features];
            for (int i = 0; i < features; i++) {
                prototypes[c][i] = (float) (p[i] / max);
            }
        }
    }

    /** The training examples ({@code count} of them); call once. */
    Examples train(int count, String source) {
        return examples(count, trainRandom, source);
    }

    /** The test examples; independent of how many training examples were drawn. */
    Examples test(int count, String source) {
        return examples(count, testRandom, source);
    }

    /** Prototype of a class, for tests. */
    float[] prototype(int c) {
        return prototypes[c].clone();
    }

    private Examples examples(int count, SplittableRandom random, String source) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        float[] x = new float[Math.multiplyExact(count, features)];
        int maxShift = Math.max(1, (int) Math.round(MAX_SHIFT_FRACTION_PERCENT / 100.0 * cols));
        for (int e = 0; e < count; e++) {
            int c = labels[e];
            int other = (c + 1 + random.nextInt(classes - 1)) % classes;
            double w = random.nextDouble() * MAX_MIX;
            double g = 0.75 + 0.4 * random.nextDouble();
            double b = -0.08 + 0.16 * random.nextDouble();
            int dy = rows > 1 ? random.nextInt(-maxShift, maxShift + 1) : 0;
            int dx = random.nextInt(-maxShift, maxShift + 1);
            float[] pc = prototypes[c];
            float[] po = prototypes[other];
            int from = e * features;
            for (int r = 0; r < rows; r++) {
                int sr = r - dy;
                for (int q = 0; q < cols; q++) {
                    int sq = q - dx;
                    double own = sr >= 0 && sr < rows && sq >= 0 && sq < cols ? pc[sr * cols + sq] : 0;
                    double v = g * ((1 - w) * own + w * po[r * cols + q]) + b + noise * random.nextGaussian();
                    x[from + r * cols + q] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
        return Examples.classification(source, x, features, labels, classes);
    }

    /** Adds {@code n} elongated Gaussian blobs with amplitudes in [0.5, 1] times {@code scale}. */
    private void addBlobs(double[] image, int n, double scale, SplittableRandom random) {
        for (int k = 0; k < n; k++) {
            double amplitude = scale * (0.5 + 0.5 * random.nextDouble());
            double cy = rows > 1 ? rows * (0.2 + 0.6 * random.nextDouble()) : 0;
            double cx = cols * (0.2 + 0.6 * random.nextDouble());
            double sy = rows > 1 ? rows * (0.06 + 0.16 * random.nextDouble()) : 1;
            double sx = cols * (0.06 + 0.16 * random.nextDouble());
            for (int r = 0; r < rows; r++) {
                double fy = (r - cy) / sy;
                for (int q = 0; q < cols; q++) {
                    double fx = (q - cx) / sx;
                    image[r * cols + q] += amplitude * Math.exp(-0.5 * (fy * fy + fx * fx));
                }
            }
        }
    }
}
