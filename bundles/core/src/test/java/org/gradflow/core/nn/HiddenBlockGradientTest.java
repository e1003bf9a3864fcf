package org.gradflow.core.nn;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Sequential;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.NormAxis;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/** A hidden block (dense, normalization, activation in either order) passes the finite-difference check. */
public class HiddenBlockGradientTest {
    private final ReferenceBackend b = new ReferenceBackend();

    /** Per-example normalization without parameters, from the backend's ops: a stand-in for layer-norm. */
    public static final class UnitNorm implements Layer {
        private final ReferenceBackend b;
        private final int features;
        private Tensor xhat;
        private Tensor mean;
        private Tensor var;
        private Tensor dx;

        public UnitNorm(ReferenceBackend b, int features) {
            this.b = b;
            this.features = features;
        }

        public String name() { return "norm"; }
        public int inputSize() { return features; }
        public int outputSize() { return features; }
        public List<Parameter> parameters() { return List.of(); }

        public Tensor forward(Tensor x, boolean training) {
            xhat = b.allocate(x.rows(), features, Precision.FLOAT64);
            mean = b.allocate(x.rows(), 1, Precision.FLOAT64);
            var = b.allocate(x.rows(), 1, Precision.FLOAT64);
            b.normalize(NormAxis.FEATURES, x, 1e-5, mean, var, xhat);
            return xhat;
        }

        public Tensor backward(Tensor g) {
            dx = b.allocate(g.rows(), features, Precision.FLOAT64);
            b.normalizeBackward(NormAxis.FEATURES, g, xhat, var, 1e-5, dx);
            return dx;
        }

        public void close() { }
    }

    private Sequential block(boolean normFirst, Random r) {
        DenseLayer dense = new DenseLayer("fc1", 4, 5, null, b, Precision.FLOAT64);
        for (Parameter p : dense.parameters()) {
            double[] v = new double[(int) p.value().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.7 * r.nextGaussian();
            }
            b.upload(v, 0, p.value());
        }
        Sequential.Part norm = new Sequential.Part("norm.", new UnitNorm(b, 5));
        Sequential.Part act = new Sequential.Part("act.", new ActivationLayer("fc1.act", 5, TestFunctions.TANH, b, Precision.FLOAT64));
        return new Sequential("fc1", normFirst ? List.of(new Sequential.Part("", dense), norm, act)
                : List.of(new Sequential.Part("", dense), act, norm));
    }

    private Tensor input(Random r) {
        double[] v = new double[3 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return b.tensor(3, 4, v);
    }

    @Test
    public void normalizationBeforeActivation() {
        Random r = new Random(11);
        GradientCheck.checkLayer(block(true, r), input(r), 3, 1e-6);
    }

    @Test
    public void normalizationAfterActivation() {
        Random r = new Random(12);
        GradientCheck.checkLayer(block(false, r), input(r), 4, 1e-6);
    }

    @Test
    public void freezingARenamedParameterFreezesThePart() {
        DenseLayer dense = new DenseLayer("fc1", 2, 2, null, b, Precision.FLOAT64);
        Sequential block = new Sequential("fc1", List.of(new Sequential.Part("x.", dense)));
        block.parameters().get(0).setFrozen(true);
        org.junit.Assert.assertTrue(dense.parameters().get(0).frozen());
        org.junit.Assert.assertEquals("x.weight", block.parameters().get(0).name());
    }

    @Test
    public void partsKeepTheirNames() {
        Sequential block = block(true, new Random(1));
        assertEquals(List.of("weight", "bias"), block.parameters().stream().map(Parameter::name).toList());
        assertEquals(Map.of(), block.buffers());
        assertEquals(4, block.inputSize());
        assertEquals(5, block.outputSize());
    }
}
