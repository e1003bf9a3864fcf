package org.gradflow.core.nn;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/** Finite-difference checks of the dense layer, the losses, and a whole small MLP, in double precision. */
public class DenseLayerGradientTest {
    private final ReferenceBackend b = new ReferenceBackend();

    private Tensor random(int rows, int cols, Random r, double scale) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return b.tensor(rows, cols, v);
    }

    private DenseLayer dense(String name, int in, int out, ActivationFunction f, Random r) {
        DenseLayer layer = new DenseLayer(name, in, out, f, b, Precision.FLOAT64);
        for (Parameter p : layer.parameters()) {
            b.copy(random(p.value().rows(), p.value().cols(), r, 0.5), p.value());
        }
        return layer;
    }

    @Test
    public void denseWithTanhPassesGradientCheck() {
        Random r = new Random(1);
        double worst = GradientCheck.checkLayer(dense("fc", 5, 4, TestFunctions.TANH, r), random(3, 5, r, 1), 7, 1e-6);
        assertTrue(worst < 1e-6);
    }

    @Test
    public void denseWithSigmoidPassesGradientCheck() {
        Random r = new Random(2);
        GradientCheck.checkLayer(dense("fc", 4, 6, TestFunctions.SIGMOID, r), random(2, 4, r, 1), 8, 1e-6);
    }

    @Test
    public void linearDensePassesGradientCheck() {
        Random r = new Random(3);
        GradientCheck.checkLayer(dense("out", 3, 2, null, r), random(4, 3, r, 1), 9, 1e-6);
    }

    @Test
    public void forwardMatchesHandComputedValues() {
        // W = [[1, 2], [3, 4], [5, 6]] (3 outputs, 2 inputs), b = [0.5, -1, 0], x = [[1, -1]]
        // z = x W^T + b = [1-2+0.5, 3-4-1, 5-6+0] = [-0.5, -2, -1]
        DenseLayer layer = new DenseLayer("fc", 2, 3, null, b, Precision.FLOAT64);
        b.upload(new double[] {1, 2, 3, 4, 5, 6}, 0, layer.parameters().get(0).value());
        b.upload(new double[] {0.5, -1, 0}, 0, layer.parameters().get(1).value());
        assertArrayEquals(new double[] {-0.5, -2, -1}, b.values(layer.forward(b.tensor(1, 2, 1, -1), true)), 0);
    }

    @Test
    public void backwardAccumulatesAndSkipsInputGradientWhenTold() {
        Random r = new Random(4);
        DenseLayer layer = dense("fc", 3, 2, TestFunctions.TANH, r);
        Tensor x = random(2, 3, r, 1);
        Tensor g = random(2, 2, r, 1);
        layer.forward(x, true);
        layer.backward(g);
        double[] once = b.values(layer.parameters().get(0).gradient());
        layer.setInputGradientNeeded(false);
        layer.forward(x, true);
        assertNull(layer.backward(g));
        double[] twice = b.values(layer.parameters().get(0).gradient());
        for (int i = 0; i < once.length; i++) {
            assertTrue(Math.abs(twice[i] - 2 * once[i]) < 1e-12);
        }
    }

    @Test
    public void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        Random r = new Random(5);
        Tensor logits = random(3, 4, r, 2);
        Tensor targets = b.tensor(3, 4, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1);
        Tensor grad = b.allocate(3, 4, Precision.FLOAT64);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(b, Precision.FLOAT64);
        loss.valueAndGradient(logits, targets, grad);
        GradientCheck.check("softmax-cross-entropy",
                List.of(new GradientCheck.Variable("logits", logits, b.values(grad))),
                () -> loss.value(logits, targets), 1e-6);
    }

    @Test
    public void softmaxCrossEntropyValueIsHandComputed() {
        // logits [0, ln 3] -> p = [1/4, 3/4]; target class 1 -> loss = -ln(3/4)
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(b, Precision.FLOAT64);
        double v = loss.value(b.tensor(1, 2, 0, Math.log(3)), b.tensor(1, 2, 0, 1));
        assertTrue(Math.abs(v + Math.log(0.75)) < 1e-15);
    }

    @Test
    public void mseGradientMatchesFiniteDifferences() {
        Random r = new Random(6);
        Tensor y = random(4, 2, r, 1);
        Tensor t = random(4, 2, r, 1);
        Tensor grad = b.allocate(4, 2, Precision.FLOAT64);
        MeanSquaredError loss = new MeanSquaredError(b);
        loss.valueAndGradient(y, t, grad);
        GradientCheck.check("mse", List.of(new GradientCheck.Variable("output", y, b.values(grad))),
                () -> loss.value(y, t), 1e-6);
    }

    @Test
    public void wholeMlpWithLossPassesGradientCheck() {
        Random r = new Random(7);
        List<Layer> layers = List.of(dense("fc1", 4, 5, TestFunctions.TANH, r), dense("fc2", 5, 5, TestFunctions.SIGMOID, r),
                dense("fc3", 5, 3, null, r));
        Tensor x = random(3, 4, r, 1);
        Tensor targets = b.tensor(3, 3, 1, 0, 0, 0, 0, 1, 0, 1, 0);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(b, Precision.FLOAT64);
        Tensor grad = b.allocate(3, 3, Precision.FLOAT64);
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forward(h, true);
        }
        loss.valueAndGradient(h, targets, grad);
        Tensor g = grad;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        List<GradientCheck.Variable> vars = new ArrayList<>();
        vars.add(new GradientCheck.Variable("x", x, b.values(g)));
        for (Layer l : layers) {
            for (Parameter p : l.parameters()) {
                vars.add(new GradientCheck.Variable(l.name() + "." + p.name(), p.value(), b.values(p.gradient())));
            }
        }
        GradientCheck.check("mlp", vars, () -> {
            Tensor y = x;
            for (Layer l : layers) {
                y = l.forward(y, true);
            }
            return loss.value(y, targets);
        }, 1e-6);
    }
}
