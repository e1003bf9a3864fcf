package org.gradflow.backend.vector;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * A tensor of the vector backend: a heap array holding the {@code rows x cols} values row-major, exactly
 * as the SPI describes them, so upload, download and element-wise work are loops over one array.
 * Exactly one of {@link #d} (FLOAT64) and {@link #f} (FLOAT32) is set.
 */
final class VectorTensor implements Tensor {
    final VectorBackend owner;
    final int rows;
    final int cols;
    final Precision precision;
    /** FLOAT64 values, row-major, or {@code null}. */
    final double[] d;
    /** FLOAT32 values, row-major, or {@code null}. */
    final float[] f;
    private volatile boolean closed;

    VectorTensor(VectorBackend owner, int rows, int cols, Precision precision) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("allocate: cannot allocate a " + rows + "x" + cols + " tensor: negative size");
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("allocate: cannot allocate a " + rows + "x" + cols + " tensor: " + size
                    + " elements, more than a Java array holds (2^31 - 9)");
        }
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
        this.precision = precision;
        if (precision == Precision.FLOAT64) {
            d = new double[(int) size];
            f = null;
        } else if (precision == Precision.FLOAT32) {
            d = null;
            f = new float[(int) size];
        } else {
            throw new IllegalArgumentException("allocate: precision " + precision + " is not supported by the vector backend");
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public ComputeBackend backend() {
        return owner;
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    int length() {
        return d != null ? d.length : f.length;
    }

    String shape() {
        return rows + "x" + cols;
    }

    @Override
    public String toString() {
        return "vector " + precision + " " + shape() + (closed ? " (closed)" : "");
    }
}
