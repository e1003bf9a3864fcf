package org.gradflow.architectures;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Sequential;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.junit.Test;

public class ResidualMlpTest {
    private static final int B = 3;

    private static Settings preactivation(boolean on) {
        return Settings.validate("architecture.", Map.of("preactivation", Boolean.toString(on)),
                new ResidualMlp().parameters());
    }

    private static ResidualBlock block(int in, int width, boolean pre, boolean normalized) {
        ModelContext ctx = TestLayers.context(5, 2, List.of(width), normalized, Settings.empty());
        ResidualBlock block = ResidualBlock.create(ctx, 1, in, width, pre);
        TestLayers.randomize(block, 11);
        return block;
    }

    /** Checks d(sum(y * R))/d(input and every parameter) against central differences. */
    private static void check(int in, int width, boolean pre, boolean normalized) {
        ResidualBlock block = block(in, width, pre, normalized);
        assertEquals("projection exactly when the width changes", in != width, block.projects());
        Tensor x = TestLayers.tensor(B, in, new Random(5), 0.8);
        double worst = GradientCheck.checkLayer(block, x, 7, GradientCheck.TOLERANCE);
        assertTrue(worst <= GradientCheck.TOLERANCE);
        block.close();
    }

    @Test
    public void postActivationIdentityBlockGradients() {
        check(6, 6, false, false);
    }

    @Test
    public void postActivationProjectionBlockGradients() {
        check(4, 6, false, false);
    }

    @Test
    public void preActivationIdentityBlockGradients() {
        check(6, 6, true, false);
    }

    @Test
    public void preActivationProjectionBlockGradients() {
        check(6, 4, true, false);
    }

    @Test
    public void gradientsWithNormalizationInEveryVariant() {
        for (boolean pre : new boolean[] {false, true}) {
            check(5, 5, pre, true);
            check(5, 3, pre, true);
        }
    }

    /**
     * Forward against a plain host computation of the formulas (no normalization), in = 3, w = 2:
     * post y = tanh(tanh(x A^T + a) B^T + b + x P^T + p); pre y = tanh(tanh(x) A^T + a) B^T + b + x P^T + p.
     */
    @Test
    public void forwardMatchesTheFormulas() {
        for (boolean pre : new boolean[] {false, true}) {
            ResidualBlock block = block(3, 2, pre, false);
            Map<String, double[]> p = new java.util.HashMap<>();
            for (Parameter q : block.parameters()) {
                p.put(q.name(), GradientCheck.download(q.value()));
            }
            Tensor xt = TestLayers.tensor(B, 3, new Random(2), 1.0);
            double[] x = GradientCheck.download(xt);
            double[] y = GradientCheck.download(block.forward(xt, true));
            for (int r = 0; r < B; r++) {
                double[] xr = java.util.Arrays.copyOfRange(x, 3 * r, 3 * r + 3);
                double[] h = linear(pre ? tanh(xr) : xr, p.get("a.weight"), p.get("a.bias"), 2);
                double[] f = linear(tanh(h), p.get("b.weight"), p.get("b.bias"), 2);
                double[] s = linear(xr, p.get("proj.weight"), p.get("proj.bias"), 2);
                for (int j = 0; j < 2; j++) {
                    double expected = pre ? f[j] + s[j] : Math.tanh(f[j] + s[j]);
                    assertEquals("pre=" + pre + " y[" + r + "," + j + "]", expected, y[2 * r + j], 1e-12);
                }
            }
            block.close();
        }
    }

    private static double[] tanh(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.tanh(v[i]);
        }
        return out;
    }

    /** {@code x W^T + b} for one row, W {@code [out, x.length]} row-major. */
    private static double[] linear(double[] x, double[] w, double[] b, int out) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            y[o] = b[o];
            for (int i = 0; i < x.length; i++) {
                y[o] += w[o * x.length + i] * x[i];
            }
        }
        return y;
    }

    /** With the residual branch's last dense layer zeroed, a pre-activation block is exactly the identity. */
    @Test
    public void zeroResidualBranchIsTheIdentityMapping() {
        ResidualBlock block = block(4, 4, true, false);
        for (Parameter p : block.parameters()) {
            if (p.name().startsWith("b.")) {
                TestLayers.BACKEND.fill(p.value(), 0);
            }
        }
        Tensor x = TestLayers.tensor(B, 4, new Random(3), 1.0);
        assertArrayEquals(GradientCheck.download(x), GradientCheck.download(block.forward(x, true)), 0);
        block.close();
    }

    @Test
    public void withoutInputGradientParametersStillAccumulate() {
        for (boolean pre : new boolean[] {false, true}) {
            for (int in : new int[] {4, 3}) {
                ResidualBlock block = block(in, 4, pre, true);
                Tensor x = TestLayers.tensor(B, in, new Random(4), 1.0);
                Tensor g = TestLayers.tensor(B, 4, new Random(6), 1.0);
                block.forward(x, true);
                assertTrue(block.backward(g) != null);
                List<double[]> expected = new ArrayList<>();
                for (Parameter p : block.parameters()) {
                    expected.add(GradientCheck.download(p.gradient()));
                    TestLayers.BACKEND.fill(p.gradient(), 0);
                }
                block.setInputGradientNeeded(false);
                block.forward(x, true);
                assertNull(block.backward(g));
                for (int i = 0; i < expected.size(); i++) {
                    Parameter p = block.parameters().get(i);
                    assertArrayEquals(p.name(), expected.get(i), GradientCheck.download(p.gradient()), 1e-12);
                }
                block.close();
            }
        }
    }

    @Test
    public void buffersArePerBatchSizeAndReused() {
        ResidualBlock block = block(4, 4, true, false);
        Tensor y3 = block.forward(TestLayers.tensor(3, 4, new Random(1), 1.0), true);
        Tensor y5 = block.forward(TestLayers.tensor(5, 4, new Random(1), 1.0), true);
        assertEquals(5, y5.rows());
        assertSame(y3, block.forward(TestLayers.tensor(3, 4, new Random(2), 1.0), true));
        Tensor g3 = block.backward(TestLayers.tensor(3, 4, new Random(3), 1.0));
        block.forward(TestLayers.tensor(3, 4, new Random(2), 1.0), true);
        assertSame(g3, block.backward(TestLayers.tensor(3, 4, new Random(3), 1.0)));
        block.close();
    }

    @Test
    public void partsKeepPrefixedNamesBuffersAndSharedFrozenFlags() {
        ResidualBlock post = block(3, 4, false, true);
        assertEquals(List.of("a.weight", "a.bias", "norm1.weight", "norm1.bias", "b.weight", "b.bias",
                "norm2.weight", "norm2.bias", "proj.weight", "proj.bias"), names(post));
        assertEquals(Set.of("norm1.count", "norm2.count"), post.buffers().keySet());
        ResidualBlock pre = block(3, 4, true, true);
        assertEquals(List.of("norm1.weight", "norm1.bias", "a.weight", "a.bias", "norm2.weight", "norm2.bias",
                "b.weight", "b.bias", "proj.weight", "proj.bias"), names(pre));
        assertEquals(List.of(1, 3), shape(pre.parameters().get(0)));
        assertEquals(List.of(4, 3), shape(pre.parameters().get(2)));
        assertEquals(List.of(4, 3), shape(pre.parameters().get(8)));
        Parameter weight = pre.parameters().get(2);
        weight.setFrozen(true);
        assertTrue("a.weight's frozen flag is the dense layer's own", weight.renamed("x").frozen());
        post.close();
        pre.close();
    }

    private static List<String> names(Layer layer) {
        List<String> names = new ArrayList<>();
        layer.parameters().forEach(p -> names.add(p.name()));
        return names;
    }

    private static List<Integer> shape(Parameter p) {
        return List.of(p.value().rows(), p.value().cols());
    }

    private static List<String> describe(List<Layer> layers) {
        List<String> out = new ArrayList<>();
        for (Layer l : layers) {
            StringBuilder s = new StringBuilder(l.name() + ":" + l.inputSize() + "->" + l.outputSize());
            for (Parameter p : l.parameters()) {
                s.append(' ').append(p.name()).append(shape(p));
            }
            out.add(s.toString());
        }
        return out;
    }

    @Test
    public void buildsNamedLayersWithAProjectionOnlyWhereTheWidthChanges() {
        List<Layer> layers = new ResidualMlp().build(TestLayers.context(5, 3, List.of(8, 8, 4), false, Settings.empty()));
        String identity = " a.weight[8, 8] a.bias[1, 8] b.weight[8, 8] b.bias[1, 8]";
        assertEquals(List.of(
                "input:5->8 weight[8, 5] bias[1, 8]",
                "block1:8->8" + identity,
                "block2:8->8" + identity,
                "block3:8->4 a.weight[4, 8] a.bias[1, 4] b.weight[4, 4] b.bias[1, 4] proj.weight[4, 8] proj.bias[1, 4]",
                "output:4->3 weight[3, 4] bias[1, 3]"), describe(layers));
        for (Layer l : layers) {
            Set<String> unique = new HashSet<>(names(l));
            assertEquals(l.name() + " has unique parameter names", l.parameters().size(), unique.size());
        }
        layers.forEach(Layer::close);
    }

    @Test
    public void preactivationAddsAFinalNormalizationAndActivationBeforeTheOutput() {
        List<Layer> layers = new ResidualMlp().build(TestLayers.context(5, 3, List.of(8, 8, 4), true, preactivation(true)));
        List<String> d = describe(layers);
        assertEquals(6, d.size());
        assertEquals("block1:8->8 norm1.weight[1, 8] norm1.bias[1, 8] a.weight[8, 8] a.bias[1, 8]"
                + " norm2.weight[1, 8] norm2.bias[1, 8] b.weight[8, 8] b.bias[1, 8]", d.get(1));
        assertEquals("block3:8->4 norm1.weight[1, 8] norm1.bias[1, 8] a.weight[4, 8] a.bias[1, 4]"
                + " norm2.weight[1, 4] norm2.bias[1, 4] b.weight[4, 4] b.bias[1, 4] proj.weight[4, 8] proj.bias[1, 4]",
                d.get(3));
        assertEquals("final:4->4 norm.weight[1, 4] norm.bias[1, 4]", d.get(4));
        assertEquals(Set.of("norm.count"), layers.get(4).buffers().keySet());
        assertEquals("output:4->3 weight[3, 4] bias[1, 3]", d.get(5));
        for (Layer l : layers) {
            assertEquals(l.name(), l.parameters().size(), new HashSet<>(names(l)).size());
        }
        layers.forEach(Layer::close);
    }

    @Test
    public void wholeNetworkGradientCheckThroughAllBlocks() {
        for (boolean pre : new boolean[] {false, true}) {
            List<Layer> layers = new ResidualMlp().build(TestLayers.context(3, 2, List.of(4, 4, 3), false, preactivation(pre)));
            Sequential net = new Sequential("net", layers.stream().map(l -> new Sequential.Part(l.name() + ".", l)).toList());
            TestLayers.randomize(net, 9);
            GradientCheck.checkLayer(net, TestLayers.tensor(B, 3, new Random(8), 1.0), 3, GradientCheck.TOLERANCE);
            net.close();
        }
    }

    @Test
    public void needsAtLeastOneHiddenWidth() {
        try {
            new ResidualMlp().build(TestLayers.context(5, 3, List.of(), false, Settings.empty()));
            fail();
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("hidden=64x8"));
        }
    }

    @Test
    public void preactivationIsAnOptionalFlagDefaultingToOff() {
        assertEquals(List.of("preactivation"), new ResidualMlp().parameters().stream().map(s -> s.name()).toList());
        assertFalse(Settings.empty().flag(ResidualMlp.PREACTIVATION));
    }
}
