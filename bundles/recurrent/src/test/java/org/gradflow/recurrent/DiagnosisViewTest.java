package org.gradflow.recurrent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.util.List;

import org.gradflow.api.nn.Layer;
import org.gradflow.testkit.TestTensors;
import org.junit.Test;

/** What the recurrent layers show the core's health checks. */
public class DiagnosisViewTest {
    @Test
    public void theRnnShowsItsLastStepAndItsDerivativeThere() {
        RnnLayer rnn = new RnnLayer(Fixtures.options("rnn1", 2, 3, 4, false, 0, false), Fixtures.TANH);
        assertNull(rnn.lastStepDerivative());
        assertEquals(List.of(), rnn.observations());
        TestTensors.randomize(rnn, 5);
        rnn.forward(Fixtures.tensor(5, 2 * 4, 6, 1), true);
        List<Layer.Observation> observed = rnn.observations();
        assertEquals(1, observed.size());
        assertSame(Fixtures.TANH, observed.get(0).function());
        double[] h = Fixtures.values(observed.get(0).output());
        double[] a = Fixtures.values(observed.get(0).preActivation());
        double[] d = Fixtures.values(rnn.lastStepDerivative());
        assertEquals(5 * 3, d.length);
        for (int i = 0; i < d.length; i++) {
            assertEquals("h_T = tanh(a_{T-1})", Math.tanh(a[i]), h[i], 1e-15);
            assertEquals("tanh'(a) = 1 - h^2", 1 - h[i] * h[i], d[i], 1e-15);
        }
    }

    @Test
    public void gatedCellsExposeNoSingleNonlinearity() {
        for (String cell : List.of("lstm", "gru")) {
            SequenceLayer<?> layer = Fixtures.CELLS.get(cell).apply(Fixtures.options(cell + "1", 2, 3, 4, false, 0, false));
            TestTensors.randomize(layer, 5);
            layer.forward(Fixtures.tensor(2, 8, 6, 1), true);
            assertNull(cell, layer.lastStepDerivative());
            assertEquals(cell, List.of(), layer.observations());
        }
    }
}
