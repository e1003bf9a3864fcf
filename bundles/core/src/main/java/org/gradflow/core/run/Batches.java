package org.gradflow.core.run;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.gradflow.api.dataset.Examples;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/** Host and backend buffers for mini-batches, one set per batch size, reused every step. */
final class Batches implements AutoCloseable {
    final class Batch {
        final double[] xHost;
        final double[] yHost;
        final int[] labels;
        final int[] predicted;
        final Tensor x;
        final Tensor y;
        final Tensor grad;

        Batch(int rows) {
            xHost = new double[rows * features];
            yHost = new double[rows * outputs];
            labels = new int[rows];
            predicted = new int[rows];
            x = backend.allocate(rows, features, precision);
            y = backend.allocate(rows, outputs, precision);
            grad = backend.allocate(rows, outputs, precision);
        }

        long correct(Tensor out, Examples ex) {
            if (!ex.isClassification()) {
                return 0;
            }
            backend.argmaxRows(out, predicted);
            long c = 0;
            for (int i = 0; i < labels.length; i++) {
                if (predicted[i] == labels[i]) {
                    c++;
                }
            }
            return c;
        }

        void close() {
            x.close();
            y.close();
            grad.close();
        }
    }

    private final ComputeBackend backend;
    private final Precision precision;
    private final int features;
    private final int outputs;
    private final Map<Integer, Batch> byRows = new HashMap<>();

    Batches(ComputeBackend backend, Precision precision, int features, int outputs) {
        this.backend = backend;
        this.precision = precision;
        this.features = features;
        this.outputs = outputs;
    }

    /** Gathers examples {@code order[start..start+rows)} (or {@code start..} without order) and uploads them. */
    Batch load(Examples ex, int[] order, int start, int rows) {
        Batch b = byRows.computeIfAbsent(rows, Batch::new);
        float[] f = ex.features();
        Arrays.fill(b.yHost, 0);
        for (int i = 0; i < rows; i++) {
            int e = order == null ? start + i : order[start + i];
            int src = e * features;
            int dst = i * features;
            for (int j = 0; j < features; j++) {
                b.xHost[dst + j] = f[src + j];
            }
            if (ex.isClassification()) {
                b.labels[i] = ex.labels()[e];
                b.yHost[i * outputs + b.labels[i]] = 1;
            } else {
                for (int j = 0; j < outputs; j++) {
                    b.yHost[i * outputs + j] = ex.targets()[e * outputs + j];
                }
            }
        }
        backend.upload(b.xHost, 0, b.x);
        backend.upload(b.yHost, 0, b.y);
        return b;
    }

    @Override
    public void close() {
        byRows.values().forEach(Batch::close);
    }
}
