package org.gradflow.kernels;

import org.gradflow.api.tensor.NormAxis;
import org.gradflow.api.tensor.Tensor;

/**
 * The argument checks of the {@link org.gradflow.api.tensor.ComputeBackend} operations that every
 * backend makes alike, with one wording of the error: which operation, which argument, its shape,
 * and the shape it must have.
 */
public final class ShapeChecks {
    private ShapeChecks() {
    }

    /** {@code a} and {@code b} have the same shape. */
    public static void sameShape(String op, String nameA, Tensor a, String nameB, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": " + nameA + " is " + shape(a) + " but " + nameB + " is "
                    + shape(b) + "; they must have the same shape");
        }
    }

    /** Whether {@code axis} is {@link NormAxis#BATCH}; it may not be null. */
    public static boolean batch(String op, NormAxis axis) {
        if (axis == null) {
            throw new IllegalArgumentException(op + ": axis is null; use NormAxis.BATCH or NormAxis.FEATURES");
        }
        return axis == NormAxis.BATCH;
    }

    /** A statistic of {@code x [B, C]} along {@code axis}: {@code [1, C]} for BATCH, {@code [B, 1]} for FEATURES. */
    public static void statShape(String op, NormAxis axis, String name, Tensor s, String xName, Tensor x) {
        boolean batch = axis == NormAxis.BATCH;
        int rows = batch ? 1 : x.rows();
        int cols = batch ? x.cols() : 1;
        if (s.rows() != rows || s.cols() != cols) {
            throw new IllegalArgumentException(op + ": " + name + " is " + shape(s) + " but " + xName + " is " + shape(x)
                    + "; along " + axis + " it must be " + rows + "x" + cols);
        }
    }

    /** A per-feature row {@code [1, C]} of {@code x [B, C]}. */
    public static void rowShape(String op, String name, Tensor row, String xName, Tensor x) {
        if (row.rows() != 1 || row.cols() != x.cols()) {
            throw new IllegalArgumentException(op + ": " + name + " is " + shape(row) + " but " + xName + " is "
                    + shape(x) + "; it must be 1x" + x.cols());
        }
    }

    /** {@code rows x cols}, as the messages print a shape. */
    public static String shape(Tensor t) {
        return t.rows() + "x" + t.cols();
    }
}
