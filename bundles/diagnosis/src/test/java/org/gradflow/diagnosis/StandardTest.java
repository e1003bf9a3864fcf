package org.gradflow.diagnosis;

import static org.gradflow.diagnosis.Snapshots.bounded;
import static org.gradflow.diagnosis.Snapshots.judge;
import static org.gradflow.diagnosis.Snapshots.output;
import static org.gradflow.diagnosis.Snapshots.relu;
import static org.gradflow.diagnosis.Snapshots.sigmoid;
import static org.gradflow.diagnosis.Snapshots.snapshot;
import static org.gradflow.diagnosis.Snapshots.time;
import static org.gradflow.diagnosis.Snapshots.withNonFinite;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.gradflow.api.health.Condition;
import org.gradflow.api.health.Verdict;
import org.junit.Test;

/** One realistic snapshot per condition, with the exact evidence and remedies. */
public class StandardTest {
    private static void assertVerdict(Condition condition, String evidence, List<String> remedies, Verdict v) {
        assertEquals(v.text(), condition, v.condition());
        assertEquals(evidence, v.evidence());
        assertEquals(remedies, v.remedies());
    }

    /** A ReLU net at lr 0.01 whose fc3 gradient overflowed: NaN loss, 512 NaN elements in fc3 and after. */
    @Test
    public void diverged() {
        Verdict v = judge(snapshot().step(340).loss(Double.NaN).firstNonFinite("fc3")
                .spec("activation", "relu")
                .layers(relu("fc1", 0.4, 0.1), relu("fc2", 0.7, 0.1), withNonFinite(relu("fc3", 0.9, 0.1), 512),
                        withNonFinite(output("out"), 10)));
        // half of optimizer.lr=0.01
        assertVerdict(Condition.DIVERGED, "first non-finite gradient in layer fc3 (512 elements); loss NaN",
                List.of("optimizer.lr=0.005", "clipper=global-norm clipper.max-norm=1"), v);
        assertEquals(340, v.step());
    }

    @Test
    public void divergedLossOnly() {
        Verdict v = judge(snapshot().loss(Double.POSITIVE_INFINITY)
                .layers(relu("fc1", 0.4, 0.1), output("out")));
        assertVerdict(Condition.DIVERGED, "loss +inf, every gradient finite",
                List.of("optimizer.lr=0.005", "clipper=global-norm clipper.max-norm=1"), v);
    }

    /** The core names the layer; the layer records (taken a moment earlier) have no count: none is shown. */
    @Test
    public void divergedNamedByFirstNonFiniteOnly() {
        Verdict v = judge(snapshot().firstNonFinite("fc2").layers(relu("fc1", 0.4, 0.1), relu("fc2", 0.5, 0.1),
                output("out")));
        assertVerdict(Condition.DIVERGED, "first non-finite gradient in layer fc2; loss 2.3",
                List.of("optimizer.lr=0.005", "clipper=global-norm clipper.max-norm=1"), v);
    }

    /** Without firstNonFinite, the first layer (input side) with a non-finite count is named; one element. */
    @Test
    public void divergedNamedByCount() {
        Verdict v = judge(snapshot().layers(relu("fc1", 0.4, 0.1), withNonFinite(relu("fc2", 0.5, 0.1), 1),
                withNonFinite(output("out"), 40)));
        assertVerdict(Condition.DIVERGED, "first non-finite gradient in layer fc2 (1 element); loss 2.3",
                List.of("optimizer.lr=0.005", "clipper=global-norm clipper.max-norm=1"), v);
    }

    /** A deep ReLU net with too large an initialization: the first layer gets 3400x the output's gradient. */
    @Test
    public void explodingThroughLayers() {
        Verdict v = judge(snapshot().spec("activation", "relu").spec("optimizer.lr", "0.1")
                .layers(relu("fc1", 3.4e3, 0.1), relu("fc2", 4.1e2, 0.1), relu("fc3", 52, 0.1), output("out")));
        assertVerdict(Condition.EXPLODING, "layer fc1 receives 3.4e+03 times the last layer's gradient",
                List.of("clipper=global-norm clipper.max-norm=1", "optimizer.lr=0.05"), v);
    }

    /** A vanilla tanh RNN on the adding problem, T = 50, with a large recurrent weight. */
    @Test
    public void explodingThroughTime() {
        Verdict v = judge(snapshot().spec("architecture", "rnn").spec("activation", "tanh")
                .spec("initializer", "xavier-uniform").spec("optimizer", "adam").spec("optimizer.lr", "0.003")
                .layers(bounded("rnn1", "tanh", 15, 0.3), output("out"))
                .recurrent(time("rnn1", 50, 2.1e4, 0.088)));
        assertVerdict(Condition.EXPLODING, "rnn1: ||dL/dh_0|| is 2.1e+04 times ||dL/dh_49|| (+0.088 decades per step)",
                List.of("clipper=global-norm clipper.max-norm=1", "optimizer.lr=0.0015", "initializer=orthogonal",
                        "architecture=lstm", "architecture=gru"), v);
    }

    /**
     * The growth rule alone: 870 over 49 steps is below exploding-ratio, but 0.06 decades per step
     * (10^0.06 = 1.15x per step) is above 0.05. The LSTM already clips and uses orthogonal weights.
     */
    @Test
    public void explodingByGrowthPerStep() {
        Verdict v = judge(snapshot().spec("architecture", "lstm").spec("clipper", "global-norm")
                .spec("initializer", "orthogonal").spec("optimizer.lr", "0.003")
                .layers(bounded("lstm1", "tanh", 3, 0.2), output("out"))
                .recurrent(time("lstm1", 50, 870, 0.06)));
        assertVerdict(Condition.EXPLODING, "lstm1: ||dL/dh_0|| is 870 times ||dL/dh_49|| (+0.06 decades per step)",
                List.of("optimizer.lr=0.0015"), v);
    }

    /**
     * A 6-layer sigmoid MLP (config/runs/deep-sigmoid.cfg style): each layer back multiplies by at most
     * 0.25 and most units are saturated. Mean saturation (0.93+0.92+0.90+0.91+0.89+0.91)/6 = 0.91.
     */
    @Test
    public void vanishingSaturatedSigmoid() {
        Verdict v = judge(snapshot().spec("activation", "sigmoid").spec("initializer", "xavier-uniform")
                .layers(sigmoid("fc1", 3.2e-7, 0.93), sigmoid("fc2", 4.1e-6, 0.92), sigmoid("fc3", 5.5e-5, 0.90),
                        sigmoid("fc4", 7.0e-4, 0.91), sigmoid("fc5", 9.1e-3, 0.89), sigmoid("fc6", 0.12, 0.91),
                        output("out")));
        assertVerdict(Condition.VANISHING,
                "layer fc1 receives 3.2e-07 of the last layer's gradient; 91% of sigmoid units in fc1-fc6 are saturated",
                List.of("activation=relu initializer=he-normal", "normalization=batch-norm", "architecture=residual-mlp"),
                v);
        assertEquals("vanishing: layer fc1 receives 3.2e-07 of the last layer's gradient; 91% of sigmoid units in"
                + " fc1-fc6 are saturated. Try: activation=relu initializer=he-normal, or normalization=batch-norm,"
                + " or architecture=residual-mlp", v.text());
    }

    /** A vanilla tanh RNN, T = 50: the gradient at h_0 is 2.5e-5 of the one at h_49. */
    @Test
    public void vanishingThroughTime() {
        Verdict v = judge(snapshot().spec("architecture", "rnn").spec("activation", "tanh")
                .spec("initializer", "xavier-uniform")
                .layers(bounded("rnn1", "tanh", 0.5, 0.2), output("out"))
                .recurrent(time("rnn1", 50, 2.5e-5, -0.094)));
        assertVerdict(Condition.VANISHING, "rnn1: ||dL/dh_0|| is 2.5e-05 of ||dL/dh_49|| (-0.094 decades per step);"
                + " 20% of tanh units in rnn1 are saturated",
                List.of("architecture=lstm", "architecture=gru", "initializer=orthogonal"), v);
    }

    /** A deep ReLU net: no bounded activation, so the generic remedies and no saturation sentence. */
    @Test
    public void vanishingGeneric() {
        Verdict v = judge(snapshot().spec("activation", "relu").spec("initializer", "he-normal")
                .layers(relu("fc1", 4.0e-4, 0.1), relu("fc2", 2e-3, 0.1), relu("fc3", 0.01, 0.1), output("out")));
        assertVerdict(Condition.VANISHING, "layer fc1 receives 4.0e-04 of the last layer's gradient",
                List.of("normalization=batch-norm", "architecture=residual-mlp"), v);
    }

    /** A tanh MLP whose gradients still flow but whose units sit in the flat tails: mean (0.55+0.62+0.74)/3 = 0.637. */
    @Test
    public void saturated() {
        Verdict v = judge(snapshot().spec("activation", "tanh")
                .layers(bounded("fc1", "tanh", 0.2, 0.55), bounded("fc2", "tanh", 0.4, 0.62),
                        bounded("fc3", "tanh", 0.7, 0.74), output("out")));
        assertVerdict(Condition.SATURATED, "64% of tanh units in fc1-fc3 are saturated, up to 74% in fc3",
                List.of("normalization=batch-norm", "activation=relu initializer=he-normal", "initializer=xavier-uniform"),
                v);
    }

    /** ReLU at lr 0.5: fc2 and fc3 lost more than half their units. */
    @Test
    public void deadUnits() {
        Verdict v = judge(snapshot().spec("activation", "relu").spec("optimizer.lr", "0.5")
                .layers(relu("fc1", 0.5, 0.12), relu("fc2", 0.3, 0.64), relu("fc3", 0.2, 0.58), output("out")));
        assertVerdict(Condition.DEAD_UNITS, "64% of relu units in fc2 are dead; 2 of 3 layers above 50%",
                List.of("activation=leaky-relu", "activation=elu", "optimizer.lr=0.25", "initializer=he-normal"), v);
    }

    @Test
    public void deadUnitsInOneLayer() {
        Verdict v = judge(snapshot().spec("activation", "relu").spec("initializer", "he-normal")
                .layers(relu("fc1", 0.5, 0.71), relu("fc2", 0.3, 0.2), output("out")));
        assertVerdict(Condition.DEAD_UNITS, "71% of relu units in fc1 are dead",
                List.of("activation=leaky-relu", "activation=elu", "optimizer.lr=0.005"), v);
    }

    /** Mean dead fraction (0 + 0.02 + 0.01)/3 = 1%; no bounded layer, so no saturated figure. */
    @Test
    public void healthyRelu() {
        Verdict v = judge(snapshot().spec("activation", "relu")
                .layers(relu("fc1", 0.31, 0.0), relu("fc2", 0.55, 0.02), relu("fc3", 0.8, 0.01), output("out")));
        assertVerdict(Condition.HEALTHY, "first-to-last gradient ratio 0.31; 1% dead units", List.of(), v);
        assertEquals("healthy: first-to-last gradient ratio 0.31; 1% dead units", v.text());
    }

    @Test
    public void healthySigmoid() {
        Verdict v = judge(snapshot().spec("activation", "sigmoid")
                .layers(sigmoid("fc1", 0.31, 0.02), sigmoid("fc2", 0.6, 0.02), output("out")));
        assertVerdict(Condition.HEALTHY, "first-to-last gradient ratio 0.31; 2% saturated, 0% dead units", List.of(), v);
    }

    @Test
    public void healthyLstm() {
        Verdict v = judge(snapshot().spec("architecture", "lstm")
                .layers(bounded("lstm1", "tanh", 0.8, 0.05), output("out"))
                .recurrent(time("lstm1", 50, 0.12, -0.018)));
        assertVerdict(Condition.HEALTHY, "first-to-last gradient ratio 0.8; lstm1: ||dL/dh_0|| is 0.12 of ||dL/dh_49||"
                + " (-0.018 decades per step); 5% saturated, 0% dead units", List.of(), v);
    }

    @Test
    public void healthyWithNothingMeasured() {
        Verdict v = judge(snapshot());
        assertVerdict(Condition.HEALTHY, "nothing measured yet", List.of(), v);
    }

    @Test
    public void aLossRunningAwayFromItsStartIsExplodingEvenWithCalmGradients() {
        Verdict v = judge(snapshot().firstLoss(0.17).loss(2e147).layers(relu("fc1", 0.8, 0.1), output("out")));
        assertEquals(Condition.EXPLODING, v.condition());
        assertTrue(v.evidence(), v.evidence().contains("the loss grew from 0.17 at step 1 to 2.0e+147"));
        Verdict calm = judge(snapshot().firstLoss(0.17).loss(169).layers(relu("fc1", 0.8, 0.1), output("out")));
        assertEquals("994 times the start is below the threshold of 1000", Condition.HEALTHY, calm.condition());
    }
}
