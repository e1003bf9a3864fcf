package org.gradflow.shell;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.gradflow.api.run.LayerGradientSummary;
import org.junit.Test;

/** Which parameters the default gradient table shows. */
public class ReportsTest {
    @Test
    public void weightMatricesOfEveryLayerKindAreWeights() {
        for (String name : List.of("weight", "weight_ih", "weight_hh", "a.weight", "b.weight", "proj.weight")) {
            assertTrue(name, Reports.isWeightMatrix(name));
        }
    }

    @Test
    public void biasesScalesAndSlopesAreNot() {
        for (String name : List.of("bias", "bias_ih", "a.bias", "norm.weight", "norm1.weight", "act.weight", "act2.weight",
                "initial_state", "norm.bias")) {
            assertFalse(name, Reports.isWeightMatrix(name));
        }
    }

    @Test
    public void theTableShowsRecurrentAndResidualWeights() {
        List<LayerGradientSummary> rows = List.of(
                new LayerGradientSummary("lstm1", "weight_hh", 0.5, 1, 2, 1e-3, 0, 10),
                new LayerGradientSummary("lstm1", "bias", 0.1, 1, 2, 1e-3, 0, 10),
                new LayerGradientSummary("block1", "a.weight", 0.2, 1, 2, 1e-3, 0, 10));
        String table = Reports.gradientTable(rows, false);
        assertTrue(table, table.contains("weight_hh") && table.contains("a.weight"));
        assertFalse(table, table.contains("bias"));
        assertTrue(Reports.gradientTable(rows, true).contains("bias"));
    }

    @Test
    public void hugeAndTinyLossesAreWrittenInScientificNotation() {
        org.junit.Assert.assertEquals("0.1234", Reports.loss(0.12341));
        org.junit.Assert.assertEquals("1.000e+299", Reports.loss(1e299));
        org.junit.Assert.assertEquals("4.000e-05", Reports.loss(4e-5));
        org.junit.Assert.assertEquals("0.0000", Reports.loss(0));
        org.junit.Assert.assertEquals("NaN", Reports.loss(Double.NaN));
    }
}
