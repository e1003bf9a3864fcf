package org.gradflow.diagnosis;

import static org.gradflow.diagnosis.Snapshots.judge;
import static org.gradflow.diagnosis.Snapshots.output;
import static org.gradflow.diagnosis.Snapshots.relu;
import static org.gradflow.diagnosis.Snapshots.sigmoid;
import static org.gradflow.diagnosis.Snapshots.snapshot;
import static org.gradflow.diagnosis.Snapshots.time;
import static org.gradflow.diagnosis.Snapshots.weightless;
import static org.junit.Assert.assertEquals;

import java.util.List;

import org.gradflow.api.health.Condition;
import org.gradflow.api.health.LayerHealth;
import org.gradflow.api.health.Verdict;
import org.junit.Test;

/** NaN figures mean "not measured": they are never evidence, and never hide the figures that were measured. */
public class NanToleranceTest {
    /** Weightless layers (dropout) between dense ones: skipped, and the span still names the sigmoid layers. */
    @Test
    public void weightlessLayersAreSkipped() {
        Verdict v = judge(snapshot().spec("activation", "sigmoid")
                .layers(sigmoid("fc1", 2e-5, 0.8), weightless("drop1"), sigmoid("fc2", 0.02, 0.8), weightless("drop2"),
                        output("out")));
        assertEquals(Condition.VANISHING, v.condition());
        assertEquals("layer fc1 receives 2.0e-05 of the last layer's gradient; 80% of sigmoid units in fc1, fc2 are"
                + " saturated", v.evidence());
    }

    /**
     * The list ends with a weightless layer: the reference is the last layer with a ratio (out), whose 1
     * is not evidence; fc1's 0.2 is.
     */
    @Test
    public void referenceIsTheLastMeasuredLayer() {
        Verdict v = judge(snapshot().layers(relu("fc1", 0.2, 0.0), output("out"), weightless("softmax")));
        assertEquals("first-to-last gradient ratio 0.2; 0% dead units", v.evidence());
    }

    /** A single measured layer has no ratio evidence at all, even with a threshold that 1 would cross. */
    @Test
    public void theReferenceRatioIsNotEvidence() {
        Verdict v = judge(snapshot().layers(output("out")), java.util.Map.of("vanishing-ratio", "1"));
        assertEquals(Condition.HEALTHY, v.condition());
        assertEquals("nothing measured yet", v.evidence());
    }

    /** A layer with weights but no observed nonlinearity: its ratio counts, its NaN activation figures do not. */
    @Test
    public void unobservedActivationFiguresAreSkipped() {
        LayerHealth linear = new LayerHealth("proj", 1e-5, 5e-4, "", false, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0);
        Verdict v = judge(snapshot().layers(linear, relu("fc1", 0.4, 0.1), output("out")));
        assertEquals(Condition.VANISHING, v.condition());
        assertEquals("layer proj receives 5.0e-04 of the last layer's gradient", v.evidence());
        assertEquals(List.of("normalization=batch-norm", "architecture=residual-mlp"), v.remedies());
    }

    /** A bounded layer whose saturation was not measured neither counts in the mean nor in the span. */
    @Test
    public void unmeasuredSaturationIsSkipped() {
        LayerHealth unmeasured = new LayerHealth("fc2", 0.01, 0.5, "sigmoid", true, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0);
        Verdict v = judge(snapshot().layers(sigmoid("fc1", 0.3, 0.7), unmeasured, sigmoid("fc3", 0.6, 0.9),
                output("out")));
        assertEquals(Condition.SATURATED, v.condition());
        assertEquals("80% of sigmoid units in fc1, fc3 are saturated, up to 90% in fc3", v.evidence());
    }

    @Test
    public void everythingNanIsHealthyWithNothingMeasured() {
        Verdict v = judge(snapshot().layers(weightless("a"), weightless("b"))
                .recurrent(time("rnn1", 50, Double.NaN, Double.NaN)));
        assertEquals(Condition.HEALTHY, v.condition());
        assertEquals("nothing measured yet", v.evidence());
    }

    /** A recurrent layer with no first-to-last ratio: its slope alone can still show growth. */
    @Test
    public void growthWithoutRatio() {
        Verdict v = judge(snapshot().spec("architecture", "rnn").layers(relu("rnn1", 0.5, 0.0), output("out"))
                .recurrent(time("rnn1", 30, Double.NaN, 0.2)));
        assertEquals(Condition.EXPLODING, v.condition());
        assertEquals("rnn1: ||dL/dh_t|| changes +0.2 decades per step back over 30 steps", v.evidence());
    }

    /** A ratio without a slope: the parenthesis is left out. */
    @Test
    public void ratioWithoutSlope() {
        Verdict v = judge(snapshot().spec("architecture", "rnn").layers(relu("rnn1", 0.5, 0.0), output("out"))
                .recurrent(time("rnn1", 30, 1e-6, Double.NaN)));
        assertEquals(Condition.VANISHING, v.condition());
        assertEquals("rnn1: ||dL/dh_0|| is 1.0e-06 of ||dL/dh_29||", v.evidence());
    }

    /**
     * An infinite ratio means the reference gradient was exactly 0 (a division by zero, not a
     * measurement): skipped like NaN, so the finite ratios still decide.
     */
    @Test
    public void infiniteRatiosAreSkipped() {
        LayerHealth inf = new LayerHealth("fc1", 0.3, Double.POSITIVE_INFINITY, "relu", false, 0.0, 0.0, 0.5, 0.1,
                0.2, 0);
        assertEquals("first-to-last gradient ratio 0.4; 0% dead units",
                judge(snapshot().layers(inf, relu("fc2", 0.4, 0.0), output("out"))).evidence());
        assertEquals(Condition.HEALTHY, judge(snapshot().layers(relu("fc1", 0.4, 0.0), output("out"))
                .recurrent(time("rnn1", 5, Double.POSITIVE_INFINITY, Double.NaN))).condition());
    }
}
