package org.gradflow.backend.ojalgo;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.gradflow.api.tensor.Precision;
import org.ojalgo.matrix.store.PhysicalStore;
import org.ojalgo.matrix.store.R032Store;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.structure.Access1D;

/**
 * Work memory of one thread, reused between calls so that a steady-state training step allocates no
 * arrays: transposed copies of matrix operands, the product when {@code beta != 0}, and one row of
 * doubles. ojAlgo's kernels take the matrix dimensions from the array lengths, so stores are kept per
 * exact shape (a network has few shapes; the cache is emptied if it ever holds more than
 * {@value #MAX_SHAPES} of one role).
 */
final class Scratch {
    /** Roles: a store of one role is never used twice in one operation. */
    static final int TRANSPOSED_A = 0;
    static final int TRANSPOSED_B = 1;
    static final int PRODUCT = 2;
    private static final int ROLES = 3;
    private static final int MAX_SHAPES = 16;

    private final Map<Long, PhysicalStore<Double>>[] doubles;
    private final Map<Long, PhysicalStore<Double>>[] floats;
    private final Map<PhysicalStore<Double>, Access1D<Double>> views = new IdentityHashMap<>();
    private double[] row = new double[64];

    @SuppressWarnings("unchecked")
    Scratch() {
        doubles = new Map[ROLES];
        floats = new Map[ROLES];
        for (int i = 0; i < ROLES; i++) {
            doubles[i] = new HashMap<>();
            floats[i] = new HashMap<>();
        }
    }

    /** A {@code rows x cols} store of this role; contents undefined. */
    PhysicalStore<Double> store(int role, Precision precision, int rows, int cols) {
        Map<Long, PhysicalStore<Double>> cache = precision == Precision.FLOAT32 ? floats[role] : doubles[role];
        Long key = ((long) rows << 32) | cols;
        PhysicalStore<Double> s = cache.get(key);
        if (s == null) {
            if (cache.size() >= MAX_SHAPES) {
                cache.values().forEach(views::remove);
                cache.clear();
            }
            int size = Math.multiplyExact(rows, cols);
            s = precision == Precision.FLOAT32 ? R032Store.wrap(new float[size], rows)
                    : R064Store.wrap(new double[size], rows);
            cache.put(key, s);
        }
        return s;
    }

    /** {@link OjAlgoTensor#plainView(PhysicalStore)} of a store made by {@link #store}, made once. */
    Access1D<Double> plainView(PhysicalStore<Double> store) {
        return views.computeIfAbsent(store, OjAlgoTensor::plainView);
    }

    /** At least {@code n} doubles; contents undefined. */
    double[] row(int n) {
        if (row.length < n) {
            row = new double[Math.max(n, 2 * row.length)];
        }
        return row;
    }

    static double[] data64(PhysicalStore<Double> s) {
        return ((R064Store) s).data;
    }

    static float[] data32(PhysicalStore<Double> s) {
        return ((R032Store) s).data;
    }
}
