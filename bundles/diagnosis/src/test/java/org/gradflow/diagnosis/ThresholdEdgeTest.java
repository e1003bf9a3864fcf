package org.gradflow.diagnosis;

import static org.gradflow.diagnosis.Snapshots.bounded;
import static org.gradflow.diagnosis.Snapshots.judge;
import static org.gradflow.diagnosis.Snapshots.output;
import static org.gradflow.diagnosis.Snapshots.relu;
import static org.gradflow.diagnosis.Snapshots.sigmoid;
import static org.gradflow.diagnosis.Snapshots.snapshot;
import static org.gradflow.diagnosis.Snapshots.time;
import static org.junit.Assert.assertEquals;

import org.gradflow.api.health.Condition;
import org.gradflow.api.health.LayerHealth;
import org.gradflow.api.health.TimeHealth;
import org.junit.Test;

/**
 * Every default threshold just above, at and just below: comparisons are strict, so the threshold itself
 * does not match. Each snapshot is otherwise healthy, so the rule under test alone decides.
 */
public class ThresholdEdgeTest {
    private static Condition layerRatio(double ratio) {
        return judge(snapshot().layers(relu("fc1", ratio, 0.0), relu("fc2", 0.5, 0.0), output("out"))).condition();
    }

    private static Condition timeFigures(int steps, double firstToLast, double decayPerStep) {
        TimeHealth t = time("rnn1", steps, firstToLast, decayPerStep);
        return judge(snapshot().spec("architecture", "rnn")
                .layers(bounded("rnn1", "tanh", 0.5, 0.1), output("out")).recurrent(t)).condition();
    }

    private static Condition saturation(double fraction) {
        // two layers with the same fraction: the mean is exactly that fraction
        return judge(snapshot().layers(sigmoid("fc1", 0.3, fraction), sigmoid("fc2", 0.6, fraction),
                output("out"))).condition();
    }

    private static Condition dead(double fraction) {
        return judge(snapshot().layers(relu("fc1", 0.3, 0.0), relu("fc2", 0.6, fraction), output("out"))).condition();
    }

    @Test
    public void explodingRatio1e3() {
        assertEquals(Condition.EXPLODING, layerRatio(1000.001));
        assertEquals(Condition.HEALTHY, layerRatio(1000));
        assertEquals(Condition.HEALTHY, layerRatio(999.999));
    }

    @Test
    public void explodingRatioThroughTime() {
        assertEquals(Condition.EXPLODING, timeFigures(50, 1000.001, 0.01));
        assertEquals(Condition.HEALTHY, timeFigures(50, 1000, 0.01));
        assertEquals(Condition.HEALTHY, timeFigures(50, 999.999, 0.01));
    }

    /** 0.05 decades per step, trusted from 10 steps on. */
    @Test
    public void explodingGrowthPerStep() {
        assertEquals(Condition.EXPLODING, timeFigures(10, 2.9, 0.0501));
        assertEquals(Condition.HEALTHY, timeFigures(10, 2.9, 0.05));
        assertEquals(Condition.HEALTHY, timeFigures(10, 2.9, 0.0499));
        // too few steps to trust the slope
        assertEquals(Condition.HEALTHY, timeFigures(9, 2.9, 0.0501));
    }

    @Test
    public void vanishingRatio1e3() {
        assertEquals(Condition.VANISHING, layerRatio(0.000999));
        assertEquals(Condition.HEALTHY, layerRatio(0.001));
        assertEquals(Condition.HEALTHY, layerRatio(0.001001));
    }

    @Test
    public void vanishingRatioThroughTime() {
        assertEquals(Condition.VANISHING, timeFigures(50, 0.000999, -0.06));
        assertEquals(Condition.HEALTHY, timeFigures(50, 0.001, -0.06));
        assertEquals(Condition.HEALTHY, timeFigures(50, 0.001001, -0.06));
    }

    /** Decay per step has no vanishing rule of its own: a steep slope with a ratio above 1e-3 is healthy. */
    @Test
    public void steepDecayAloneIsNotVanishing() {
        assertEquals(Condition.HEALTHY, timeFigures(50, 0.002, -0.5));
    }

    @Test
    public void saturatedFractionHalf() {
        assertEquals(Condition.SATURATED, saturation(0.5001));
        assertEquals(Condition.HEALTHY, saturation(0.5));
        assertEquals(Condition.HEALTHY, saturation(0.4999));
    }

    /** The rule reads the mean over the bounded layers, not the worst one. */
    @Test
    public void saturatedUsesTheMean() {
        assertEquals(Condition.HEALTHY, judge(snapshot().layers(sigmoid("fc1", 0.3, 0.95), sigmoid("fc2", 0.6, 0.03),
                output("out"))).condition());
    }

    @Test
    public void deadFractionHalf() {
        assertEquals(Condition.DEAD_UNITS, dead(0.5001));
        assertEquals(Condition.HEALTHY, dead(0.5));
        assertEquals(Condition.HEALTHY, dead(0.4999));
    }

    /** A loss that is large but finite is not divergence. */
    @Test
    public void largeFiniteLossIsNotDiverged() {
        LayerHealth fc1 = relu("fc1", 0.3, 0.0);
        assertEquals(Condition.HEALTHY, judge(snapshot().loss(Double.MAX_VALUE).layers(fc1, output("out"))).condition());
        assertEquals(Condition.DIVERGED, judge(snapshot().loss(Double.NEGATIVE_INFINITY).layers(fc1, output("out")))
                .condition());
    }
}
