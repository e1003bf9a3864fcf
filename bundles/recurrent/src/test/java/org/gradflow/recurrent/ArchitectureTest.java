package org.gradflow.recurrent;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.architecture.Architecture;
import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.nn.RecurrentLayer;
import org.gradflow.testkit.TestDense;
import org.junit.Test;

/** What each architecture builds from the run spec, and the errors it reports. */
public class ArchitectureTest {
    /** 3 steps of 2 features; hidden=5x4 unless a test says otherwise. */
    private static final int STEPS = 3;

    private static List<Layer> build(Architecture a, int outputs, boolean perStep, List<Integer> hidden,
            Map<String, String> settings) {
        return a.build(new Fixtures.TestContext(STEPS * 2, outputs, STEPS, perStep, hidden, Fixtures.settings(a, settings)));
    }

    private static List<String> describe(List<Layer> layers) {
        List<String> out = new ArrayList<>();
        for (Layer l : layers) {
            StringBuilder s = new StringBuilder(l.name() + ":" + l.inputSize() + "->" + l.outputSize());
            for (Parameter p : l.parameters()) {
                s.append(' ').append(p.name()).append('[').append(p.value().rows()).append(',')
                        .append(p.value().cols()).append(']');
            }
            out.add(s.toString());
        }
        return out;
    }

    @Test
    public void rnnLayersManyToOne() {
        assertEquals(List.of(
                "rnn1:6->15 weight_ih[5,2] weight_hh[5,5] bias[1,5]",
                "rnn2:15->4 weight_ih[4,5] weight_hh[4,4] bias[1,4]",
                "out:4->3 weight[3,4] bias[1,3]"), describe(build(new Rnn(), 3, false, List.of(5, 4), Map.of())));
    }

    @Test
    public void lstmLayersWithLearnedInitialStates() {
        assertEquals(List.of(
                "lstm1:6->15 weight_ih[20,2] weight_hh[20,5] bias[1,20] initial_state[1,5] initial_cell[1,5]",
                "lstm2:15->4 weight_ih[16,5] weight_hh[16,4] bias[1,16] initial_state[1,4] initial_cell[1,4]",
                "out:4->3 weight[3,4] bias[1,3]"),
                describe(build(new Lstm(), 3, false, List.of(5, 4), Map.of("learn-initial-state", "true"))));
    }

    @Test
    public void gruLayersWithTwoBiases() {
        assertEquals(List.of(
                "gru1:6->15 weight_ih[15,2] weight_hh[15,5] bias_ih[1,15] bias_hh[1,15]",
                "gru2:15->4 weight_ih[12,5] weight_hh[12,4] bias_ih[1,12] bias_hh[1,12]",
                "out:4->3 weight[3,4] bias[1,3]"), describe(build(new Gru(), 3, false, List.of(5, 4), Map.of())));
    }

    @Test
    public void rolesTellTheCoreWhatToInitialize() {
        for (Architecture a : List.of(new Rnn(), new Lstm(), new Gru())) {
            for (Layer layer : build(a, 3, false, List.of(5), Map.of("learn-initial-state", "true"))) {
                for (Parameter p : layer.parameters()) {
                    Parameter.Role expected = p.name().startsWith("weight") ? Parameter.Role.WEIGHT
                            : p.name().startsWith("initial") || layer.name().equals("lstm1")
                                    ? Parameter.Role.SELF_INITIALIZED : Parameter.Role.BIAS;
                    assertEquals(layer.name() + "." + p.name(), expected, p.role());
                }
            }
        }
    }

    /** The activation of hidden layer i is the run's for index i. */
    @Test
    public void rnnAsksTheRunForEachLayersActivation() {
        List<Integer> asked = new ArrayList<>();
        Rnn rnn = new Rnn();
        rnn.build(new Fixtures.TestContext(6, 3, STEPS, false, List.of(5, 4, 3), Fixtures.settings(rnn, Map.of())) {
            @Override
            public ActivationFunction hiddenActivation(int index) {
                asked.add(index);
                return Fixtures.TANH;
            }
        });
        assertEquals(List.of(1, 2, 3), asked);
    }

    @Test
    public void outputAutoFollowsTheDataSet() {
        for (Architecture a : List.of(new Rnn(), new Lstm(), new Gru())) {
            List<Layer> perStep = build(a, STEPS * 2, true, List.of(5, 4), Map.of());
            assertTrue(((RecurrentLayer) perStep.get(0)).returnsSequence());
            assertTrue(((RecurrentLayer) perStep.get(1)).returnsSequence());
            assertTrue(perStep.get(2) instanceof TimeDistributedDense);
            assertEquals("out:12->6 weight[2,4] bias[1,2]", describe(perStep).get(2));
            List<Layer> perSequence = build(a, 3, false, List.of(5, 4), Map.of());
            assertTrue(((RecurrentLayer) perSequence.get(0)).returnsSequence());
            assertFalse(((RecurrentLayer) perSequence.get(1)).returnsSequence());
            assertTrue(perSequence.get(2) instanceof TestDense);
            assertSame("the output layer produces logits", null, ((TestDense) perSequence.get(2)).activation());
        }
    }

    @Test
    public void outputSequenceAndLastAreHonoured() {
        List<Layer> sequence = build(new Gru(), STEPS * 2, true, List.of(5), Map.of("output", "sequence"));
        assertEquals(List.of("gru1:6->15", "out:15->6"), sizes(sequence));
        List<Layer> last = build(new Gru(), STEPS * 2, true, List.of(5), Map.of("output", "last"));
        assertEquals("every target predicted from the last state", List.of("gru1:6->5", "out:5->6"), sizes(last));
    }

    private static List<String> sizes(List<Layer> layers) {
        return layers.stream().map(l -> l.name() + ":" + l.inputSize() + "->" + l.outputSize()).toList();
    }

    @Test
    public void outputSequenceNeedsATargetPerStep() {
        expectError(() -> build(new Lstm(), 3, false, List.of(5), Map.of("output", "sequence")),
                "architecture.output=sequence needs a data set with a target per time step",
                "use architecture.output=last");
    }

    @Test
    public void perStepOutputsMustDivideIntoTheSteps() {
        expectError(() -> build(new Rnn(), 7, true, List.of(5), Map.of()),
                "predicts at each of 3 steps, but the data set has 7 outputs", "use architecture.output=last");
    }

    @Test
    public void needsAHiddenWidth() {
        expectError(() -> build(new Gru(), 3, false, List.of(), Map.of()), "architecture=gru needs at least one hidden width",
                "hidden=32x2");
    }

    @Test
    public void rejectsANormalizationItWouldIgnore() {
        Rnn rnn = new Rnn();
        ModelContext normalized = new Fixtures.TestContext(6, 3, STEPS, false, List.of(5, 4), Fixtures.settings(rnn, Map.of())) {
            @Override
            public Layer normalization(int index, String name, int features) {
                return index == 2 ? Fixtures.dense(name, features, features, null) : null;
            }
        };
        expectError(() -> rnn.build(normalized), "hidden layer 2", "remove the normalization setting");
    }

    @Test
    public void settingsAreValidatedWithTheirNames() {
        expectError(() -> Fixtures.settings(new Rnn(), Map.of("bptt-window", "-1")), "architecture.bptt-window=-1",
                "[0, inf)");
        expectError(() -> Fixtures.settings(new Gru(), Map.of("output", "all")), "architecture.output=all",
                "one of auto|last|sequence");
        expectError(() -> Fixtures.settings(new Gru(), Map.of("forget-bias", "1")), "unknown key 'architecture.forget-bias'",
                "architecture.bptt-window");
    }

    @Test
    public void sharedSettingsThenTheLstmsForgetBias() {
        assertEquals(List.of("output", "bptt-window", "learn-initial-state"), names(new Rnn().parameters()));
        assertEquals(List.of("output", "bptt-window", "learn-initial-state"), names(new Gru().parameters()));
        assertEquals(List.of("output", "bptt-window", "learn-initial-state", "forget-bias"), names(new Lstm().parameters()));
        for (ParameterSpec spec : new Lstm().parameters()) {
            assertFalse(spec.name() + " has a description", spec.description().isEmpty());
        }
    }

    private static List<String> names(List<ParameterSpec> specs) {
        return specs.stream().map(ParameterSpec::name).toList();
    }

    @Test
    public void windowAndInitialStateReachEveryLayer() {
        for (Layer l : build(new Lstm(), 3, false, List.of(5, 4), Map.of("bptt-window", "2", "learn-initial-state", "true"))) {
            if (l instanceof SequenceLayer<?> s) {
                assertEquals(2, s.window);
                assertEquals(2, s.initialStates.size());
            }
        }
    }

    /** Blocks i, f, g, o of H = 5: the forget block starts at forget-bias, the others at 0. */
    @Test
    public void lstmForgetGateBiasStartsAtTheSetting() {
        for (double forgetBias : new double[] {1.0, 2.5}) {
            Map<String, String> given = forgetBias == 1.0 ? Map.of() : Map.of("forget-bias", "2.5");
            Layer lstm = build(new Lstm(), 3, false, List.of(5), given).get(0);
            double[] expected = new double[20];
            java.util.Arrays.fill(expected, 5, 10, forgetBias);
            assertArrayEquals(expected, Fixtures.values(Fixtures.parameter(lstm, "bias").value()), 0);
        }
    }

    @Test
    public void gateNamesAndTheRecurrentWeight() {
        Map<Architecture, List<String>> gates = Map.of(new Rnn(), List.of("hidden"),
                new Lstm(), List.of("input", "forget", "cell", "output"), new Gru(), List.of("reset", "update", "new"));
        gates.forEach((a, names) -> {
            RecurrentLayer layer = (RecurrentLayer) build(a, 3, false, List.of(5), Map.of()).get(0);
            assertEquals(names, layer.gateNames());
            assertSame(Fixtures.parameter(layer, "weight_hh"), layer.recurrentWeight());
            assertEquals(names.size() * 5, layer.recurrentWeight().value().rows());
            assertEquals(5, layer.recurrentWeight().value().cols());
            assertEquals(STEPS, layer.steps());
            assertEquals(5, layer.hiddenSize());
        });
    }

    private static void expectError(Runnable r, String... parts) {
        try {
            r.run();
            fail("expected a ConfigurationException");
        } catch (ConfigurationException e) {
            for (String part : parts) {
                assertTrue(e.getMessage(), e.getMessage().contains(part));
            }
        }
    }
}
