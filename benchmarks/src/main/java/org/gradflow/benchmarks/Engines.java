package org.gradflow.benchmarks;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.backend.ojalgo.OjAlgoBackend;
import org.gradflow.backend.vector.VectorBackend;

/** Gradflow's CPU backends, opened outside a framework. */
final class Engines {
    private Engines() {
    }

    /** A backend and how to give it back. */
    record Opened(ComputeBackend backend, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() {
            try {
                closer.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing backend failed", e);
            }
        }
    }

    /** {@code vector} (products split over {@code threads}) or {@code ojalgo}. */
    static Opened open(String name, int threads) {
        return switch (name) {
            case "vector" -> {
                VectorBackend b = new VectorBackend(threads);
                yield new Opened(b, b::close);
            }
            case "ojalgo" -> new Opened(new OjAlgoBackend(), () -> { });
            default -> throw new IllegalArgumentException("backend '" + name + "': expected vector or ojalgo");
        };
    }

    static Precision precision(String name) {
        return switch (name) {
            case "float32" -> Precision.FLOAT32;
            case "float64" -> Precision.FLOAT64;
            default -> throw new IllegalArgumentException("precision '" + name + "': expected float32 or float64");
        };
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
