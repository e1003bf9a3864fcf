package org.gradflow.normalization;

import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.gradflow.api.normalization.Normalization;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.testkit.ReferenceBackend;

/** What {@code create} is given in a run, and small helpers shared by the tests. */
final class Stubs {
    private Stubs() {
    }

    static LayerFactory factory(ComputeBackend backend, Precision precision) {
        return new LayerFactory() {
            @Override
            public ComputeBackend backend() {
                return backend;
            }

            @Override
            public Precision precision() {
                return precision;
            }

            @Override
            public Layer dense(String name, int in, int out, ActivationFunction activation) {
                throw new UnsupportedOperationException("a normalization has no business building dense layers");
            }
        };
    }

    /** The layer {@code n} creates with these settings (keys without prefix), in FLOAT64. */
    static Layer layer(ReferenceBackend b, Normalization n, int features, Map<String, String> settings) {
        return n.create("norm1", features, Settings.validate(NormalizationCase.PREFIX, settings, n.parameters()),
                factory(b, Precision.FLOAT64));
    }

    static double[] random(int n, long seed, double lo, double hi) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return v;
    }
}
