package org.gradflow.activations;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/** The learned PReLU layer that {@link Prelu#layer} returns, on the reference backend. */
public class PreluLayerTest {
    private final ReferenceBackend b = new ReferenceBackend();

    private final LayerFactory factory = new LayerFactory() {
        @Override
        public ComputeBackend backend() {
            return b;
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT64;
        }

        @Override
        public Layer dense(String name, int in, int out, ActivationFunction activation) {
            throw new UnsupportedOperationException();
        }
    };

    private Layer layer(String name, int units, Map<String, String> settings) {
        Prelu prelu = new Prelu();
        return prelu.layer(name, units, Settings.validate("activation.", settings, prelu.parameters()), factory);
    }

    @Test
    public void slopeParameterIsSelfInitializedWithInit() {
        try (Layer l = layer("act1", 3, Map.of("init", "0.1"))) {
            assertEquals("act1", l.name());
            assertEquals(3, l.inputSize());
            assertEquals(3, l.outputSize());
            assertEquals(1, l.parameters().size());
            Parameter w = l.parameters().get(0);
            assertEquals("weight", w.name());
            assertSame(Parameter.Role.SELF_INITIALIZED, w.role());
            assertEquals(1, w.value().rows());
            assertEquals(3, w.value().cols());
            assertEquals(3, w.fanIn());
            assertEquals(3, w.fanOut());
            assertArrayEquals(new double[] {0.1, 0.1, 0.1}, b.values(w.value()), 0);
            assertArrayEquals(new double[] {0, 0, 0}, b.values(w.gradient()), 0);
        }
        try (Layer l = layer("act2", 2, Map.of())) { // default init 0.25, as in He et al.
            assertArrayEquals(new double[] {0.25, 0.25}, b.values(l.parameters().get(0).value()), 0);
        }
    }

    /**
     * Hand-computed, slopes a = [0.25, 0.5]:
     *
     * <pre>
     * x  = [ 2   -1  ]    y  = [ 2          0.5 * -1 ]  = [ 2     -0.5 ]
     *      [-3    0.5]         [ 0.25 * -3  0.5      ]    [-0.75   0.5 ]
     *
     * gy = [ 1  2 ]       gx = [ 1         0.5 * 2 ]    = [ 1     1 ]
     *      [ 3  4 ]            [ 0.25 * 3  4       ]      [ 0.75  4 ]
     *
     * da[0] = 1 * min(2, 0) + 3 * min(-3, 0)  = -9
     * da[1] = 2 * min(-1, 0) + 4 * min(0.5, 0) = -2
     * </pre>
     *
     * A second backward of the same gy accumulates: da = [-18, -4]; gx is unchanged.
     */
    @Test
    public void handComputedTwoByTwoAndSlopeGradientAccumulates() {
        try (Layer l = layer("act", 2, Map.of())) {
            Parameter a = l.parameters().get(0);
            b.upload(new double[] {0.25, 0.5}, 0, a.value());
            Tensor x = b.tensor(2, 2, 2, -1, -3, 0.5);
            assertArrayEquals(new double[] {2, -0.5, -0.75, 0.5}, b.values(l.forward(x, true)), 0);
            Tensor gy = b.tensor(2, 2, 1, 2, 3, 4);
            assertArrayEquals(new double[] {1, 1, 0.75, 4}, b.values(l.backward(gy)), 0);
            assertArrayEquals(new double[] {-9, -2}, b.values(a.gradient()), 0);
            assertArrayEquals(new double[] {1, 1, 0.75, 4}, b.values(l.backward(gy)), 0);
            assertArrayEquals(new double[] {-18, -4}, b.values(a.gradient()), 0);
            // evaluation uses the same function and keeps no state for backward
            assertArrayEquals(new double[] {2, -0.5, -0.75, 0.5}, b.values(l.forward(x, false)), 0);
        }
    }

    /** Finite differences for the input and the slopes, with random slopes and inputs away from the kink. */
    @Test
    public void gradientsMatchFiniteDifferences() {
        Random random = new Random(11);
        for (int batch : new int[] {1, 5}) {
            int units = 4;
            try (Layer l = layer("act", units, Map.of())) {
                double[] slopes = new double[units];
                for (int j = 0; j < units; j++) {
                    slopes[j] = random.nextDouble(); // in [0, 1)
                }
                b.upload(slopes, 0, l.parameters().get(0).value());
                double[] xs = new double[batch * units];
                for (int i = 0; i < xs.length; i++) {
                    double m = 0.1 + 2 * random.nextDouble(); // |x| >= 0.1, far from 0 against the step 1e-5
                    xs[i] = (i % 2 == 0) == random.nextBoolean() ? m : -m;
                }
                // every unit sees a negative input somewhere, so each slope gradient is non-trivial
                for (int j = 0; j < units; j++) {
                    xs[j] = -Math.abs(xs[j]);
                }
                Tensor x = b.tensor(batch, units, xs);
                double worst = GradientCheck.checkLayer(l, x, 3 + batch, GradientCheck.TOLERANCE);
                assertTrue("worst relative error " + worst, worst <= GradientCheck.TOLERANCE);
            }
        }
    }

    /** Buffers are reused per batch size; the layer keeps the input of the last training forward. */
    @Test
    public void buffersAreReusedPerBatchSize() {
        try (Layer l = layer("act", 2, Map.of())) {
            Tensor x2 = b.tensor(2, 2, 1, -1, -2, 2);
            Tensor x1 = b.tensor(1, 2, -4, 4);
            Tensor y2 = l.forward(x2, true);
            Tensor y1 = l.forward(x1, true);
            assertSame(y2, l.forward(x2, true));
            assertSame(y1, l.forward(x1, true));
            assertArrayEquals(new double[] {-1, 4}, b.values(y1), 0);
            Tensor gx = l.backward(b.tensor(1, 2, 1, 1));
            assertArrayEquals(new double[] {0.25, 1}, b.values(gx), 0);
            assertSame(gx, l.backward(b.tensor(1, 2, 1, 1)));
        }
    }

    /** A frozen slope gets no gradient; without an input gradient needed, backward returns null. */
    @Test
    public void frozenSlopeAndNoInputGradient() {
        try (Layer l = layer("act", 2, Map.of())) {
            Parameter a = l.parameters().get(0);
            Tensor x = b.tensor(1, 2, -1, -2);
            Tensor gy = b.tensor(1, 2, 1, 1);
            a.setFrozen(true);
            l.forward(x, true);
            assertArrayEquals(new double[] {0.25, 0.25}, b.values(l.backward(gy)), 0);
            assertArrayEquals(new double[] {0, 0}, b.values(a.gradient()), 0);
            l.setInputGradientNeeded(false);
            assertNull(l.backward(gy));
            a.setFrozen(false);
            assertNull(l.backward(gy));
            assertArrayEquals(new double[] {-1, -2}, b.values(a.gradient()), 0);
        }
    }
}
