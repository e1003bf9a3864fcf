package org.gradflow.benchmarks;

import java.util.SplittableRandom;

/**
 * The inputs every engine gets, generated from fixed seeds so that Gradflow and Deeplearning4j see the
 * same numbers: row-major {@code float} arrays, like both engines' host buffers.
 */
public final class BenchData {
    /** Mini-batch of the MLP benchmarks. */
    public static final int MLP_BATCH = 128;
    public static final int MLP_INPUTS = 784;
    public static final int MLP_CLASSES = 10;
    /** Mini-batch, sequence length and hidden size of the LSTM benchmark (one input per step, one output). */
    public static final int LSTM_BATCH = 64;
    public static final int LSTM_STEPS = 100;
    public static final int LSTM_HIDDEN = 128;

    private BenchData() {
    }

    /** {@code count} values uniform in [-1, 1) from {@code seed}. */
    public static float[] uniform(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[count];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * r.nextDouble() - 1);
        }
        return v;
    }

    /** An MLP batch's pixels: {@code MLP_BATCH x MLP_INPUTS} values in [0, 1), like scaled image pixels. */
    public static float[] mlpFeatures() {
        SplittableRandom r = new SplittableRandom(11);
        float[] v = new float[MLP_BATCH * MLP_INPUTS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return v;
    }

    /** An MLP batch's class labels in [0, MLP_CLASSES). */
    public static int[] mlpLabels() {
        SplittableRandom r = new SplittableRandom(12);
        int[] v = new int[MLP_BATCH];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(MLP_CLASSES);
        }
        return v;
    }

    /** The LSTM batch's inputs: {@code LSTM_BATCH x LSTM_STEPS}, example-major (x[b * STEPS + t]), in [-1, 1). */
    public static float[] lstmInputs() {
        return uniform(LSTM_BATCH * LSTM_STEPS, 13);
    }

    /** The LSTM batch's targets, one per example: the mean of its inputs. */
    public static float[] lstmTargets() {
        float[] x = lstmInputs();
        float[] y = new float[LSTM_BATCH];
        for (int b = 0; b < LSTM_BATCH; b++) {
            double s = 0;
            for (int t = 0; t < LSTM_STEPS; t++) {
                s += x[b * LSTM_STEPS + t];
            }
            y[b] = (float) (s / LSTM_STEPS);
        }
        return y;
    }
}
