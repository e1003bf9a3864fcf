package org.gradflow.diagnosis;

import static org.gradflow.diagnosis.Snapshots.judge;
import static org.gradflow.diagnosis.Snapshots.output;
import static org.gradflow.diagnosis.Snapshots.relu;
import static org.gradflow.diagnosis.Snapshots.sigmoid;
import static org.gradflow.diagnosis.Snapshots.snapshot;
import static org.gradflow.diagnosis.Snapshots.time;
import static org.gradflow.diagnosis.Snapshots.withNonFinite;
import static org.junit.Assert.assertEquals;

import org.gradflow.api.health.Condition;
import org.gradflow.api.health.LayerHealth;
import org.gradflow.api.health.TimeHealth;
import org.gradflow.diagnosis.Snapshots.Builder;
import org.junit.Test;

/**
 * The first matching rule wins: diverged, exploding, vanishing, saturated, dead units. Starting from a
 * snapshot that matches every rule, each step removes the winner's evidence and the next rule wins.
 */
public class PriorityTest {
    // saturated sigmoids (mean 0.9), one dead ReLU layer (0.8)
    private static final LayerHealth SATURATED = sigmoid("fc2", 0.5, 0.9);
    private static final LayerHealth DEAD = relu("fc3", 0.6, 0.8);
    private static final LayerHealth HUGE = relu("fc0", 5e4, 0.0);
    private static final LayerHealth TINY = sigmoid("fc1", 2e-5, 0.9);

    private static Condition condition(Builder b) {
        return judge(b).condition();
    }

    @Test
    public void divergedBeatsEverything() {
        assertEquals(Condition.DIVERGED, condition(snapshot().loss(Double.NaN)
                .layers(HUGE, TINY, SATURATED, DEAD, output("out"))));
        assertEquals(Condition.DIVERGED, condition(snapshot()
                .layers(HUGE, withNonFinite(TINY, 3), SATURATED, DEAD, output("out"))));
    }

    @Test
    public void explodingBeatsVanishingSaturatedAndDead() {
        assertEquals(Condition.EXPLODING, condition(snapshot().layers(HUGE, TINY, SATURATED, DEAD, output("out"))));
    }

    /** Exploding through time beats vanishing through layers. */
    @Test
    public void explodingThroughTimeBeatsVanishingThroughLayers() {
        TimeHealth growing = time("rnn1", 50, 1e5, 0.1);
        assertEquals(Condition.EXPLODING, condition(snapshot().layers(TINY, SATURATED, DEAD, output("out"))
                .recurrent(growing)));
    }

    @Test
    public void vanishingBeatsSaturatedAndDead() {
        assertEquals(Condition.VANISHING, condition(snapshot().layers(TINY, SATURATED, DEAD, output("out"))));
    }

    @Test
    public void saturatedBeatsDead() {
        assertEquals(Condition.SATURATED, condition(snapshot().layers(SATURATED, DEAD, output("out"))));
    }

    @Test
    public void deadLast() {
        assertEquals(Condition.DEAD_UNITS, condition(snapshot().layers(DEAD, output("out"))));
    }
}
