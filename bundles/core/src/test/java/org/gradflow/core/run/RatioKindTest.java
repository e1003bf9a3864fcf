package org.gradflow.core.run;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** What each parameter's gradient ratio in the per-layer table is taken against. */
public class RatioKindTest {
    @Test
    public void weightMatricesOfEveryLayerKindCompareWithTheLastWeight() {
        for (String p : new String[] {"weight", "weight_ih", "weight_hh", "a.weight", "proj.weight"}) {
            assertEquals(p, "weight", GradientMonitor.ratioKind(p));
        }
    }

    @Test
    public void biasesCompareWithTheLastBiasAndScalesWithTheirOwnKind() {
        assertEquals("bias", GradientMonitor.ratioKind("bias"));
        assertEquals("bias", GradientMonitor.ratioKind("bias_hh"));
        assertEquals("bias", GradientMonitor.ratioKind("b.bias"));
        assertEquals("norm.weight", GradientMonitor.ratioKind("norm.weight"));
        assertEquals("norm1.bias", GradientMonitor.ratioKind("norm1.bias"));
        assertEquals("act.weight", GradientMonitor.ratioKind("act.weight"));
        assertEquals("initial_state", GradientMonitor.ratioKind("initial_state"));
    }

    @Test
    public void lossesAreReadableAtEveryScale() {
        assertEquals("0.123457", Run.loss(0.1234567));
        assertEquals("1.000000e+299", Run.loss(1e299));
        assertEquals("NaN", Run.loss(Double.NaN));
    }
}
