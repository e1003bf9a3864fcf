package org.gradflow.backend.ojalgo;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.ojalgo.matrix.store.PhysicalStore;
import org.ojalgo.matrix.store.R032Store;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.structure.Access1D;

/**
 * A tensor of the ojAlgo backend: a heap array holding the {@code rows x cols} values row-major, exactly
 * as the SPI describes them, so element-wise work, upload and download are plain array loops.
 *
 * <p>ojAlgo stores matrices column-major. The same array read column-major is the transpose: the
 * ojAlgo {@link #store} of a tensor {@code X [rows, cols]} is the {@code cols x rows} store of
 * {@code X^T}, sharing the array. {@link Gemm} builds every product from that identity
 * ({@code C = A B} is {@code C^T = B^T A^T}). Exactly one of {@link #d} (FLOAT64) and {@link #f}
 * (FLOAT32) is set.
 */
final class OjAlgoTensor implements Tensor {
    final OjAlgoBackend owner;
    final int rows;
    final int cols;
    final Precision precision;
    /** FLOAT64 values, row-major, or {@code null}. */
    final double[] d;
    /** FLOAT32 values, row-major, or {@code null}. */
    final float[] f;
    /** {@code X^T} as a {@code cols x rows} ojAlgo store over the same array; {@code null} when empty. */
    final PhysicalStore<Double> store;
    private Access1D<Double> plainView;
    private boolean closed;

    OjAlgoTensor(OjAlgoBackend owner, int rows, int cols, Precision precision) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("cannot allocate a " + rows + "x" + cols + " tensor: negative size");
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot allocate a " + rows + "x" + cols + " tensor: " + size
                    + " elements, more than a Java array holds (2^31 - 9)");
        }
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
        this.precision = precision;
        if (precision == Precision.FLOAT64) {
            d = new double[(int) size];
            f = null;
            store = size == 0 ? null : R064Store.wrap(d, cols);
        } else if (precision == Precision.FLOAT32) {
            d = null;
            f = new float[(int) size];
            store = size == 0 ? null : R032Store.wrap(f, cols);
        } else {
            throw new IllegalArgumentException("precision " + precision + " is not supported by the ojalgo backend");
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

    /**
     * {@link #store} as a plain {@link Access1D}, not an ojAlgo physical store: given as the left factor
     * it makes ojAlgo take its dot-product kernel ({@code MultiplyLeft}) instead of the axpy one.
     */
    Access1D<Double> plainView() {
        if (plainView == null) {
            plainView = plainView(store);
        }
        return plainView;
    }

    /**
     * A plain view of a physical store's array. Always this one class per precision, never ojAlgo's own
     * views (such as {@code transpose()}): a second implementation at ojAlgo's element access call site
     * made every later product about 40% slower (measured: 9.6 to 4.5 GFLOP/s).
     */
    static Access1D<Double> plainView(PhysicalStore<Double> s) {
        return s instanceof R064Store ? new DoubleView(((R064Store) s).data) : new FloatView(((R032Store) s).data);
    }

    String shape() {
        return rows + "x" + cols;
    }

    @Override
    public String toString() {
        return "ojalgo " + precision + " " + shape() + (closed ? " (closed)" : "");
    }

    private static final class DoubleView implements Access1D<Double> {
        private final double[] data;

        DoubleView(double[] data) {
            this.data = data;
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        public long count() {
            return data.length;
        }

        @Override
        public double doubleValue(int index) {
            return data[index];
        }

        @Override
        public double doubleValue(long index) {
            return data[(int) index];
        }

        @Override
        public float floatValue(long index) {
            return (float) data[(int) index];
        }

        @Override
        public Double get(long index) {
            return data[(int) index];
        }
    }

    private static final class FloatView implements Access1D<Double> {
        private final float[] data;

        FloatView(float[] data) {
            this.data = data;
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        public long count() {
            return data.length;
        }

        @Override
        public double doubleValue(int index) {
            return data[index];
        }

        @Override
        public double doubleValue(long index) {
            return data[(int) index];
        }

        @Override
        public float floatValue(int index) {
            return data[index];
        }

        @Override
        public float floatValue(long index) {
            return data[(int) index];
        }

        @Override
        public Double get(long index) {
            return (double) data[(int) index];
        }
    }
}
