package org.gradflow.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.gradflow.report.GradientFlow.Cell;
import org.gradflow.report.GradientFlow.Kind;
import org.gradflow.report.GradientFlow.LayerMean;
import org.gradflow.report.RunData.Grad;
import org.junit.Test;

public class GradientFlowTest {
    @Test
    public void weightMatricesAreWeightsNotScalesOrSlopes() {
        for (String p : List.of("weight", "weight_ih", "weight_hh", "a.weight", "b.weight", "proj.weight", "block.a.weight")) {
            assertTrue(p, GradientFlow.isWeightMatrix(p));
        }
        for (String p : List.of("bias", "bias_ih", "a.bias", "norm.weight", "norm.bias", "act.weight", "norm2.weight",
                "a.norm.weight", "gamma")) {
            assertFalse(p, GradientFlow.isWeightMatrix(p));
        }
    }

    @Test
    public void aLayersValueIsTheJointNormOfItsWeightMatrices() {
        // a.weight 3, b.weight 4, proj.weight 12: sqrt(9 + 16 + 144) = 13; the bias and norm scale do not count.
        GradientFlow flow = GradientFlow.of(List.of(
                new Grad(1, "block1", "a.weight", 3, 0), new Grad(1, "block1", "a.bias", 100, 0),
                new Grad(1, "block1", "b.weight", 4, 0), new Grad(1, "block1", "norm.weight", 100, 0),
                new Grad(1, "block1", "proj.weight", 12, 0),
                // without overflow: sqrt(2) * 1e200
                new Grad(1, "big", "weight_ih", 1e200, 0), new Grad(1, "big", "weight_hh", 1e200, 0)));
        assertEquals(List.of("block1", "big"), flow.layers());
        assertEquals(new Cell(Kind.VALUE, 13), flow.cell(0, 0));
        assertEquals(Math.sqrt(2) * 1e200, flow.cell(1, 0).value(), 1e186);
    }

    @Test
    public void zeroNonFiniteAndMissingAreKeptApart() {
        GradientFlow flow = GradientFlow.of(List.of(
                new Grad(1, "fc1", "weight", 0, 0), new Grad(1, "fc2", "weight", 1, 3),
                new Grad(2, "fc1", "weight", Double.POSITIVE_INFINITY, 0)));
        assertEquals(Kind.ZERO, flow.cell(0, 0).kind());
        assertEquals("a positive nonfinite count marks the cell even with a finite norm", Kind.NON_FINITE,
                flow.cell(1, 0).kind());
        assertEquals(Kind.NON_FINITE, flow.cell(0, 1).kind());
        assertEquals("fc2 has no row at step 2 (a half-written step)", Kind.MISSING, flow.cell(1, 1).kind());
    }

    @Test
    public void columnsAverageLog10AndNeverHideANonFiniteStep() {
        // 5 steps into 2 columns: steps {1,2} and {3,4,5}.
        GradientFlow flow = GradientFlow.of(List.of(
                new Grad(1, "a", "weight", 1e-2, 0), new Grad(2, "a", "weight", 1e-4, 0),
                new Grad(3, "a", "weight", 1e-1, 0), new Grad(4, "a", "weight", 0, 0), new Grad(5, "a", "weight", 1e-3, 0),
                new Grad(1, "b", "weight", 1, 0), new Grad(2, "b", "weight", 1, 0),
                new Grad(3, "b", "weight", 1, 0), new Grad(4, "b", "weight", Double.NaN, 1), new Grad(5, "b", "weight", 1, 0)));
        GradientFlow.Heatmap h = flow.heatmap(2);
        assertEquals(List.of(new GradientFlow.Column(1, 2), new GradientFlow.Column(3, 5)), h.columns());
        assertEquals("(-2 + -4) / 2", -3, h.log10()[0][0].value(), 1e-15);
        assertEquals("(-1 + -3) / 2: the 0 is left out of the mean", -2, h.log10()[0][1].value(), 1e-15);
        assertEquals(0, h.log10()[1][0].value(), 0);
        assertEquals(Kind.NON_FINITE, h.log10()[1][1].kind());
        assertEquals("no downsampling when it fits", 5, flow.heatmap(200).columns().size());
    }

    @Test
    public void meansAreArithmeticOverTheRangeAndCountZeros() {
        GradientFlow flow = GradientFlow.of(List.of(
                new Grad(1, "a", "weight", 9, 0), new Grad(5, "a", "weight", 2, 0), new Grad(6, "a", "weight", 0, 0),
                new Grad(8, "a", "weight", 4, 0), new Grad(6, "b", "weight", Double.NaN, 2)));
        List<LayerMean> m = flow.means(5, 8);
        // a: (2 + 0 + 4) / 3 = 2 (step 1 is outside)
        assertEquals(new LayerMean("a", 2, 3, false), m.get(0));
        assertTrue(Double.isNaN(m.get(1).mean()));
        assertTrue(m.get(1).nonFinite());
        assertTrue(flow.hasStepsIn(2, 5));
        assertFalse(flow.hasStepsIn(2, 4));
    }
}
