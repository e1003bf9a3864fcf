package org.gradflow.architectures;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

public class MlpTest {
    /** A dense layer stand-in that records how the architecture asked for it. */
    private record Asked(String name, int in, int out, ActivationFunction f) implements Layer {
        public String name() { return name; }
        public int inputSize() { return in; }
        public int outputSize() { return out; }
        public List<Parameter> parameters() { return List.of(); }
        public Tensor forward(Tensor input, boolean training) { return input; }
        public Tensor backward(Tensor g) { return g; }
        public void close() { }
    }

    private static final ActivationFunction F = new ActivationFunction() {
        public double value(double x) { return x; }
        public double derivative(double x, double y) { return 1; }
    };

    private static ModelContext context(List<Integer> hidden) {
        return new ModelContext() {
            public ComputeBackend backend() { return new ReferenceBackend(); }
            public Precision precision() { return Precision.FLOAT64; }
            public Layer dense(String name, int in, int out, ActivationFunction f) { return new Asked(name, in, out, f); }
            public int inputSize() { return 784; }
            public int outputSize() { return 10; }
            public List<Integer> hiddenSizes() { return hidden; }
            public ActivationFunction hiddenActivation(int index) { return F; }
            public Layer hidden(int index, int in, int out) { return new Asked("fc" + index, in, out, F); }
            public Layer activation(int index, String name, int features) { return new Asked(name, features, features, F); }
            public Layer normalization(int index, String name, int features) { return null; }
            public Settings settings() { return Settings.empty(); }
        };
    }

    @Test
    public void buildsNamedDenseLayersInputFirstWithALinearOutput() {
        List<Layer> layers = new Mlp().build(context(List.of(256, 128)));
        List<String> shapes = new ArrayList<>();
        for (Layer l : layers) {
            shapes.add(l.name() + ":" + l.inputSize() + "->" + l.outputSize());
        }
        assertEquals(List.of("fc1:784->256", "fc2:256->128", "fc3:128->10"), shapes);
        assertSame(F, ((Asked) layers.get(0)).f());
        assertSame(F, ((Asked) layers.get(1)).f());
        assertNull("the output layer produces logits", ((Asked) layers.get(2)).f());
    }

    @Test
    public void noHiddenLayersIsLogisticRegression() {
        List<Layer> layers = new Mlp().build(context(List.of()));
        assertEquals(1, layers.size());
        assertEquals(784, layers.get(0).inputSize());
        assertEquals(10, layers.get(0).outputSize());
    }
}
