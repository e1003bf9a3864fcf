package org.gradflow.diagnosis;

import static org.gradflow.diagnosis.Snapshots.bounded;
import static org.gradflow.diagnosis.Snapshots.judge;
import static org.gradflow.diagnosis.Snapshots.output;
import static org.gradflow.diagnosis.Snapshots.relu;
import static org.gradflow.diagnosis.Snapshots.sigmoid;
import static org.gradflow.diagnosis.Snapshots.snapshot;
import static org.gradflow.diagnosis.Snapshots.time;
import static org.junit.Assert.assertEquals;

import java.util.List;

import org.gradflow.diagnosis.Snapshots.Builder;
import org.junit.Test;

/** Remedies are offered only when every component they name is installed and the run does not use them yet. */
public class RemediesTest {
    private static Builder deepSigmoid() {
        return snapshot().spec("activation", "sigmoid").spec("initializer", "xavier-uniform")
                .layers(sigmoid("fc1", 3e-6, 0.9), sigmoid("fc2", 0.01, 0.9), output("out"));
    }

    private static Builder exploding() {
        return snapshot().spec("activation", "relu")
                .layers(relu("fc1", 2e4, 0.1), relu("fc2", 40, 0.1), output("out"));
    }

    private static Builder deadRelu() {
        return snapshot().spec("activation", "relu").layers(relu("fc1", 0.3, 0.7), output("out"));
    }

    @Test
    public void nothingInstalledNothingOffered() {
        assertEquals(List.of(), judge(deepSigmoid().installedOnly()).remedies());
    }

    /** The learning-rate remedy names no component: it is offered with nothing installed. */
    @Test
    public void learningRateNeedsNoComponent() {
        assertEquals(List.of("optimizer.lr=0.005"), judge(exploding().installedOnly()).remedies());
    }

    /** A two-pair remedy needs both components: without he-normal, no activation=relu remedy. */
    @Test
    public void everyNamedComponentMustBeInstalled() {
        assertEquals(List.of("normalization=batch-norm", "architecture=residual-mlp"),
                judge(deepSigmoid().uninstall("initializer/he-normal")).remedies());
        assertEquals(List.of("activation=relu initializer=he-normal", "architecture=residual-mlp"),
                judge(deepSigmoid().uninstall("normalization/batch-norm")).remedies());
        assertEquals(List.of("optimizer.lr=0.005"),
                judge(exploding().uninstall("gradient-clipper/global-norm")).remedies());
    }

    @Test
    public void remediesInUseAreSkipped() {
        assertEquals(List.of("activation=relu initializer=he-normal", "architecture=residual-mlp"),
                judge(deepSigmoid().spec("normalization", "batch-norm")).remedies());
        assertEquals(List.of("activation=relu initializer=he-normal", "normalization=batch-norm"),
                judge(deepSigmoid().spec("architecture", "residual-mlp")).remedies());
        // clipping already on: only the learning rate is left
        assertEquals(List.of("optimizer.lr=0.005"), judge(exploding().spec("clipper", "global-norm")).remedies());
        assertEquals(List.of("activation=elu", "optimizer.lr=0.005", "initializer=he-normal"),
                judge(deadRelu().spec("activation", "leaky-relu")).remedies());
        assertEquals(List.of("activation=leaky-relu", "activation=elu", "optimizer.lr=0.005"),
                judge(deadRelu().spec("initializer", "he-normal")).remedies());
    }

    /** Saturated: xavier-uniform only when not in use; here the run already has it. */
    @Test
    public void saturatedSkipsTheInitializerInUse() {
        Builder b = snapshot().spec("activation", "tanh").spec("initializer", "xavier-uniform")
                .layers(bounded("fc1", "tanh", 0.3, 0.7), output("out"));
        assertEquals(List.of("normalization=batch-norm", "activation=relu initializer=he-normal"), judge(b).remedies());
    }

    /** lstm/gru replace only the vanilla rnn; a recurrent net never gets activation=relu or residual-mlp. */
    @Test
    public void recurrentRemedies() {
        Builder lstm = snapshot().spec("architecture", "lstm").spec("activation", "tanh")
                .layers(bounded("lstm1", "tanh", 0.5, 0.2), output("out")).recurrent(time("lstm1", 100, 1e-4, -0.04));
        assertEquals(List.of("initializer=orthogonal"), judge(lstm).remedies());
        assertEquals(List.of(), judge(lstm.spec("initializer", "orthogonal")).remedies());

        Builder rnn = snapshot().spec("architecture", "rnn").spec("activation", "tanh")
                .layers(bounded("rnn1", "tanh", 1e-4, 0.2), output("out")).recurrent(time("rnn1", 50, 0.5, -0.01));
        // vanishing through layers in a recurrent net: still the recurrent remedies
        assertEquals(List.of("architecture=lstm", "architecture=gru", "initializer=orthogonal"), judge(rnn).remedies());
        assertEquals(List.of("architecture=gru", "initializer=orthogonal"),
                judge(rnn.uninstall("architecture/lstm")).remedies());
        Builder saturatedRnn = snapshot().spec("architecture", "rnn").spec("activation", "tanh")
                .layers(bounded("rnn1", "tanh", 0.5, 0.8), output("out")).recurrent(time("rnn1", 50, 0.5, -0.01));
        assertEquals(List.of("normalization=batch-norm", "initializer=xavier-uniform"),
                judge(saturatedRnn).remedies());
    }

    /** Half the current rate, three significant digits, as a user would type it. */
    @Test
    public void learningRateHalved() {
        assertEquals(List.of("optimizer.lr=0.0015"), judge(exploding().installedOnly().spec("optimizer.lr", "0.003"))
                .remedies());
        assertEquals(List.of("optimizer.lr=5e-05"), judge(exploding().installedOnly().spec("optimizer.lr", "1e-4"))
                .remedies());
        assertEquals(List.of("optimizer.lr=0.5"), judge(exploding().installedOnly().spec("optimizer.lr", " 1 "))
                .remedies());
    }

    /** No (usable) optimizer.lr in the spec: no learning-rate remedy rather than a made-up value. */
    @Test
    public void noLearningRateToHalve() {
        assertEquals(List.of(), judge(exploding().installedOnly().spec("optimizer.lr", null)).remedies());
        assertEquals(List.of(), judge(exploding().installedOnly().spec("optimizer.lr", "fast")).remedies());
        assertEquals(List.of(), judge(exploding().installedOnly().spec("optimizer.lr", "0")).remedies());
        assertEquals(List.of(), judge(exploding().installedOnly().spec("optimizer.lr", "NaN")).remedies());
    }

    /** A healthy run gets no remedies even with everything installed. */
    @Test
    public void healthyHasNone() {
        assertEquals(List.of(), judge(snapshot().layers(relu("fc1", 0.3, 0.0), output("out"))).remedies());
    }
}
