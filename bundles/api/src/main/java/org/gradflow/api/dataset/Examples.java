package org.gradflow.api.dataset;

/**
 * Examples in memory: features {@code [count, featureCount]} row-major, and either class labels
 * (classification) or real targets {@code [count, targetCount]} (regression). Float storage keeps a
 * 60000 x 784 image set at 188 MB; the backend converts to the run's precision per batch.
 *
 * <p>The factories check the data: every feature and target finite, every label within range. A
 * failure names the source, the example and the position, so a user can find it in the file.
 */
public final class Examples {
    private final int count;
    private final int featureCount;
    private final float[] features;
    private final int classCount;
    private final int[] labels;
    private final int targetCount;
    private final float[] targets;
    private final int steps;
    private final boolean outputPerStep;

    private Examples(int count, int featureCount, float[] features, int classCount, int[] labels,
            int targetCount, float[] targets) {
        this(count, featureCount, features, classCount, labels, targetCount, targets, 1, false);
    }

    private Examples(int count, int featureCount, float[] features, int classCount, int[] labels,
            int targetCount, float[] targets, int steps, boolean outputPerStep) {
        this.steps = steps;
        this.outputPerStep = outputPerStep;
        this.count = count;
        this.featureCount = featureCount;
        this.features = features;
        this.classCount = classCount;
        this.labels = labels;
        this.targetCount = targetCount;
        this.targets = targets;
    }

    /**
     * Labelled examples for classification.
     *
     * @param source names where the data came from, for error messages
     */
    public static Examples classification(String source, float[] features, int featureCount, int[] labels,
            int classCount) {
        int count = labels.length;
        checkFeatures(source, features, featureCount, count);
        if (classCount < 2) {
            throw new DataException(source + ": need at least 2 classes, got " + classCount);
        }
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new DataException(source + ": example " + i + " has label " + labels[i]
                        + ", outside 0.." + (classCount - 1));
            }
        }
        return new Examples(count, featureCount, features, classCount, labels, 0, null);
    }

    /** Examples with real-valued targets for regression. */
    public static Examples regression(String source, float[] features, int featureCount, float[] targets,
            int targetCount) {
        if (targetCount <= 0 || targets.length % targetCount != 0) {
            throw new DataException(source + ": " + targets.length + " target values do not divide into rows of "
                    + targetCount);
        }
        int count = targets.length / targetCount;
        checkFeatures(source, features, featureCount, count);
        checkFinite(source, "target", targets, targetCount);
        return new Examples(count, featureCount, features, 0, null, targetCount, targets);
    }

    private static void checkFeatures(String source, float[] features, int featureCount, int count) {
        if (featureCount <= 0) {
            throw new DataException(source + ": feature count must be positive, got " + featureCount);
        }
        if ((long) featureCount * count != features.length) {
            throw new DataException(source + ": " + features.length + " feature values do not make " + count
                    + " examples of " + featureCount + " features");
        }
        checkFinite(source, "feature", features, featureCount);
    }

    private static void checkFinite(String source, String what, float[] values, int perRow) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new DataException(source + ": example " + (i / perRow) + ", " + what + " " + (i % perRow)
                        + " is " + values[i] + "; clean the data or drop that example");
            }
        }
    }

    public int count() {
        return count;
    }

    public int featureCount() {
        return featureCount;
    }

    /** Row-major {@code [count, featureCount]}; do not modify. */
    public float[] features() {
        return features;
    }

    public boolean isClassification() {
        return labels != null;
    }

    /** Number of classes, 0 for regression. */
    public int classCount() {
        return classCount;
    }

    /** Class labels, or {@code null} for regression; do not modify. */
    public int[] labels() {
        return labels;
    }

    /** Targets per example, 0 for classification. */
    public int targetCount() {
        return targetCount;
    }

    /** Row-major {@code [count, targetCount]}, or {@code null} for classification; do not modify. */
    public float[] targets() {
        return targets;
    }

    /**
     * The same examples read as sequences of {@code steps} time steps: each example's features are its
     * steps in order, {@code [steps, featureCount / steps]} row-major (step t holds features
     * {@code t * perStep ... (t + 1) * perStep - 1}). Labels and targets stay per example (many-to-one),
     * or, for a prediction per step, {@code [steps, targets / steps]} in the same order.
     *
     * @throws DataException when {@code featureCount} is not a multiple of {@code steps}
     */
    public Examples asSequence(int steps) {
        if (steps < 1 || featureCount % steps != 0) {
            throw new DataException("cannot read " + featureCount + " features as " + steps + " equal time steps");
        }
        return new Examples(count, featureCount, features, classCount, labels, targetCount, targets, steps, false);
    }

    /**
     * The same examples as sequences of {@code steps} steps with a target per step (many-to-many): the
     * regression targets are {@code [steps, targetCount / steps]} per example, step t first.
     *
     * @throws DataException when the features or the targets do not divide into {@code steps}, or for
     *                       classification (a class label is one per example)
     */
    public Examples asSequenceWithTargetPerStep(int steps) {
        Examples sequence = asSequence(steps);
        if (isClassification() || targetCount % steps != 0) {
            throw new DataException("cannot give " + (isClassification() ? "a class label" : targetCount + " targets")
                    + " per example as a target for each of " + steps + " time steps");
        }
        return new Examples(count, featureCount, features, classCount, labels, targetCount, targets, steps, true);
    }

    /** True when the targets hold one prediction per time step (many-to-many). */
    public boolean outputPerStep() {
        return outputPerStep;
    }

    /** Time steps per example; 1 for data that is not a sequence. */
    public int steps() {
        return steps;
    }

    /** Features per time step: {@code featureCount / steps}. */
    public int featuresPerStep() {
        return featureCount / steps;
    }

    /** Outputs a model needs: the class count or the target count. */
    public int outputCount() {
        return isClassification() ? classCount : targetCount;
    }

    /** The examples at {@code rows}, in that order (arrays are copied). */
    public Examples subset(int[] rows) {
        float[] f = new float[rows.length * featureCount];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= count) {
                throw new IndexOutOfBoundsException("example " + rows[i] + " of " + count);
            }
            System.arraycopy(features, rows[i] * featureCount, f, i * featureCount, featureCount);
        }
        if (isClassification()) {
            int[] l = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                l[i] = labels[rows[i]];
            }
            return new Examples(rows.length, featureCount, f, classCount, l, 0, null, steps, outputPerStep);
        }
        float[] t = new float[rows.length * targetCount];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(targets, rows[i] * targetCount, t, i * targetCount, targetCount);
        }
        return new Examples(rows.length, featureCount, f, 0, null, targetCount, t, steps, outputPerStep);
    }

    /** The first {@code n} examples (a view sharing nothing mutable; arrays are copied). */
    public Examples head(int n) {
        int m = Math.min(n, count);
        float[] f = java.util.Arrays.copyOf(features, m * featureCount);
        if (isClassification()) {
            return new Examples(m, featureCount, f, classCount, java.util.Arrays.copyOf(labels, m), 0, null, steps,
                    outputPerStep);
        }
        return new Examples(m, featureCount, f, 0, null, targetCount, java.util.Arrays.copyOf(targets, m * targetCount),
                steps, outputPerStep);
    }
}
