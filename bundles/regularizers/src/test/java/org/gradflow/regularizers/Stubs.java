package org.gradflow.regularizers;

import java.util.List;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/** What {@code layerAfter} is given in a run, reduced to what a regularizer may use. */
final class Stubs {
    private Stubs() {
    }

    /** The layer a regularizer's layer goes after: only its name and sizes are real. */
    static Layer layer(String name, int features) {
        return new Layer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int inputSize() {
                return features;
            }

            @Override
            public int outputSize() {
                return features;
            }

            @Override
            public List<Parameter> parameters() {
                return List.of();
            }

            @Override
            public Tensor forward(Tensor input, boolean training) {
                throw new UnsupportedOperationException("stub");
            }

            @Override
            public Tensor backward(Tensor gradOutput) {
                throw new UnsupportedOperationException("stub");
            }

            @Override
            public void close() {
            }
        };
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
                throw new UnsupportedOperationException("a regularizer has no business building dense layers");
            }
        };
    }
}
