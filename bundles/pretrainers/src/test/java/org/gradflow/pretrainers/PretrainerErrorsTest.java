package org.gradflow.pretrainers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Sequential;
import org.gradflow.api.pretrain.Pretrainer;
import org.junit.Test;

/**
 * What the pre-trainers refuse, with the message a user sees: layers that are not dense, a network
 * without hidden layers, RBM inputs outside [0, 1], and out-of-range parameters. Also which bias a
 * dense layer followed by a normalization inside one {@code Layer} is taken to have.
 */
public class PretrainerErrorsTest {
    private static final Pretrainer[] BOTH = {new Autoencoder(), new Rbm()};

    private static String name(Pretrainer p) {
        return p instanceof Rbm ? "rbm" : "autoencoder";
    }

    private static String failure(Pretrainer p, List<Layer> layers, double[] x, Map<String, String> given) {
        TestContext c = new TestContext(p, layers, x, given, new Random(1));
        try {
            p.pretrain(c);
        } catch (ConfigurationException e) {
            assertTrue("nothing reported before the error: " + c.reports, c.reports.isEmpty());
            return e.getMessage();
        }
        throw new AssertionError(name(p) + " accepted " + layers);
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue("'" + part + "' missing from: " + message, message.contains(part));
        }
    }

    private static double[] halves(int n, int width) {
        double[] x = new double[n * width];
        java.util.Arrays.fill(x, 0.5);
        return x;
    }

    @Test
    public void aHiddenLayerWithoutParametersIsRefusedBeforeAnythingIsTrained() {
        for (Pretrainer p : BOTH) {
            TestLayers.Dense fc1 = new TestLayers.Dense("fc1", 4, 3, GateFunction.SIGMOID, 1);
            double[] w = TestLayers.values(fc1.weight.value());
            String m = failure(p, List.of(fc1, new TestLayers.Identity("id", 3), new TestLayers.Dense("out", 3, 2, null, 2)),
                    halves(8, 4), Map.of());
            assertContains(m, "pretrain=" + name(p) + " needs dense hidden layers", "layer 2 (id)", "0 weight matrices",
                    "use architecture=mlp or drop pretrain");
            assertEquals("fc1 untouched", java.util.Arrays.toString(w), java.util.Arrays.toString(TestLayers.values(fc1.weight.value())));
        }
    }

    @Test
    public void aHiddenLayerWithTwoWeightMatricesIsRefused() {
        Layer block = new Sequential("block1", List.of(new Sequential.Part("a.", new TestLayers.Dense("a", 4, 4, GateFunction.TANH, 1)),
                new Sequential.Part("b.", new TestLayers.Dense("b", 4, 4, GateFunction.TANH, 2))));
        String m = failure(new Autoencoder(), List.of(block, new TestLayers.Dense("out", 4, 2, null, 3)), halves(8, 4), Map.of());
        assertContains(m, "layer 1 (block1) has 2 weight matrices [a.weight[4x4], b.weight[4x4]]", "architecture=mlp");
    }

    @Test
    public void aNetworkWithoutHiddenLayersIsRefused() {
        for (Pretrainer p : BOTH) {
            String m = failure(p, List.of(new TestLayers.Dense("out", 4, 2, null, 3)), halves(8, 4), Map.of());
            assertContains(m, "pretrain=" + name(p) + " has nothing to pre-train", "drop pretrain");
        }
    }

    @Test
    public void theBiasOfADenseLayerIsItsOwnNotTheNormalizationShiftAfterIt() {
        TestLayers.Dense dense = new TestLayers.Dense("dense", 4, 3, GateFunction.TANH, 1);
        Layer fc1 = new Sequential("fc1", List.of(new Sequential.Part("", dense),
                new Sequential.Part("norm.", new TestLayers.Shift("norm", 3))));
        DenseParts parts = DenseParts.of(fc1, 1, "rbm");
        assertSame(dense.weight.value(), parts.weight().value());
        assertSame(dense.bias.value(), parts.bias().value());
    }

    @Test
    public void rbmRefusesDataOutsideTheUnitInterval() {
        double[] x = halves(8, 4);
        x[4 + 2] = 1.5;
        String m = failure(new Rbm(), List.of(new TestLayers.Dense("fc1", 4, 3, GateFunction.SIGMOID, 1),
                new TestLayers.Dense("out", 3, 2, null, 2)), x, Map.of());
        assertContains(m, "pretrain=rbm needs inputs in [0, 1]", "example 1, feature 2 of the data is 1.5",
                "scale the data to [0, 1]");
    }

    @Test
    public void rbmRefusesAHiddenLayerWhoseOutputIsOutsideTheUnitInterval() {
        TestLayers.Dense fc1 = new TestLayers.Dense("fc1", 4, 3, GateFunction.TANH, 1);
        TestLayers.BACKEND.upload(new double[] {-3, -3, -3}, 0, fc1.bias.value()); // tanh(about -3) < 0
        TestContext c = new TestContext(new Rbm(), List.of(fc1, new TestLayers.Dense("fc2", 3, 3, GateFunction.SIGMOID, 2),
                new TestLayers.Dense("out", 3, 2, null, 3)), halves(8, 4), Map.of(), new Random(1));
        try {
            new Rbm().pretrain(c);
            fail("rbm accepted negative inputs to fc2");
        } catch (ConfigurationException e) {
            assertContains(e.getMessage(), "pretrain=rbm needs inputs in [0, 1]", "the output of layer 1 (fc1) has -0.9",
                    "use activation=sigmoid for the hidden layers");
            assertEquals("layer 1 was pre-trained and reported before layer 2 failed", 1, c.reports.size());
        }
    }

    @Test
    public void parametersAreValidatedWithTheirNames() {
        String[][] bad = {
            {"autoencoder", "corruption", "1"}, {"autoencoder", "corruption", "-0.1"}, {"autoencoder", "tied", "yes"},
            {"autoencoder", "epochs", "0"}, {"autoencoder", "batch", "0"}, {"autoencoder", "learning-rate", "0"},
            {"autoencoder", "momentum", "1"}, {"rbm", "k", "0"}, {"rbm", "epochs", "1.5"}, {"rbm", "momentum", "-0.5"},
            {"rbm", "corruption", "0.1"},
        };
        for (String[] b : bad) {
            Pretrainer p = b[0].equals("rbm") ? new Rbm() : new Autoencoder();
            try {
                Settings.validate("pretrain.", Map.of(b[1], b[2]), p.parameters());
                fail(b[0] + " accepted " + b[1] + "=" + b[2]);
            } catch (ConfigurationException e) {
                assertContains(e.getMessage(), "pretrain." + b[1]);
            }
        }
        for (Pretrainer p : BOTH) {
            for (var spec : p.parameters()) {
                assertTrue(name(p) + "." + spec.name() + " has a description", !spec.description().isEmpty());
            }
        }
        Settings defaults = Settings.validate("pretrain.", Map.of(), new Autoencoder().parameters());
        assertEquals(1, defaults.integer(Greedy.EPOCHS));
        assertEquals(64, defaults.integer(Greedy.BATCH));
        assertEquals(0, defaults.real(Autoencoder.CORRUPTION), 0);
        assertTrue(defaults.flag(Autoencoder.TIED));
        assertEquals(1, Settings.validate("pretrain.", Map.of(), new Rbm().parameters()).integer(Rbm.K));
    }
}
