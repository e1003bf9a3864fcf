package org.gradflow.core.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.nn.RecurrentLayer;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The files the recorder writes, from a recurrent layer whose norms and weights are known. */
public class TimeGradientRecorderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ReferenceBackend b = new ReferenceBackend();

    /** Two gates of width 2: the first block is diag(0.5, 0.25), the second 3 * identity. */
    private final class KnownLayer implements RecurrentLayer {
        boolean recording;
        final Parameter weight = new Parameter("weight_hh", Parameter.Role.WEIGHT,
                b.tensor(4, 2, 0.5, 0, 0, 0.25, 3, 0, 0, 3), b.allocate(4, 2, Precision.FLOAT64), 2, 4);

        @Override
        public int steps() {
            return 3;
        }

        @Override
        public int hiddenSize() {
            return 2;
        }

        @Override
        public boolean returnsSequence() {
            return false;
        }

        @Override
        public void recordStateGradients(boolean on) {
            recording = on;
        }

        @Override
        public double[] stateGradientNorms() {
            return recording ? new double[] {0.125, 0.25, 1} : null;
        }

        @Override
        public Parameter recurrentWeight() {
            return weight;
        }

        @Override
        public List<String> gateNames() {
            return List.of("reset", "update");
        }

        @Override
        public String name() {
            return "gru1";
        }

        @Override
        public int inputSize() {
            return 3;
        }

        @Override
        public int outputSize() {
            return 2;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(weight);
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            throw new UnsupportedOperationException("not used by the recorder");
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            throw new UnsupportedOperationException("not used by the recorder");
        }

        @Override
        public void close() {
        }
    }

    @Test
    public void writesOneRowPerTimeStepAndPerGateOnlyForRecurrentLayers() throws IOException {
        Path dir = tmp.newFolder().toPath();
        KnownLayer layer = new KnownLayer();
        try (TimeGradientRecorder recorder = new TimeGradientRecorder(List.of(layer), dir)) {
            recorder.recordWeights(0);
            recorder.beforeBackward(false);
            assertFalse(layer.recording);
            recorder.beforeBackward(true);
            assertTrue(layer.recording);
            recorder.recordStateGradients(7);
            assertEquals(List.of("gru1: ||dL/dh_t|| is 1.0e+00 at t=2, 2.5e-01 at t=1, 1.3e-01 at t=0 (t=0 gets 1.3e-01 of "
                    + "t=2's) at step 7"), recorder.summary());
        }
        assertEquals(List.of("step,layer,t,state_grad_l2", "7,gru1,0,1.250000e-01", "7,gru1,1,2.500000e-01",
                "7,gru1,2,1.000000e+00"), Files.readAllLines(dir.resolve("time-gradients.csv")));
        List<String> weights = Files.readAllLines(dir.resolve("recurrent-weights.csv"));
        assertEquals(List.of("step,layer,gate,largest_singular_value", "0,gru1,reset,5.000000e-01",
                "0,gru1,update,3.000000e+00"), weights);
    }

    @Test
    public void aNetworkWithoutRecurrentLayersWritesNoFiles() throws IOException {
        Path dir = tmp.newFolder().toPath();
        try (TimeGradientRecorder recorder = new TimeGradientRecorder(List.<Layer>of(), dir)) {
            recorder.recordWeights(0);
            recorder.beforeBackward(true);
            recorder.recordStateGradients(1);
            recorder.flush();
        }
        assertFalse(Files.exists(dir.resolve("time-gradients.csv")));
        assertFalse(Files.exists(dir.resolve("recurrent-weights.csv")));
    }

    @Test
    public void decayPerStepIsTheSlopeOfLog10NormAgainstDistance() {
        // norms 1e-4, 1e-2, 1 at t = 0, 1, 2: two decades per step back
        assertEquals(-2, TimeGradientRecorder.decayPerStep(new double[] {1e-4, 1e-2, 1}), 1e-12);
        assertEquals(0, TimeGradientRecorder.decayPerStep(new double[] {3, 3, 3, 3}), 1e-12);
        assertEquals("zeros are skipped", Math.log10(1.5),
                TimeGradientRecorder.decayPerStep(new double[] {0, 2.25, 1.5, 1}), 1e-12);
        assertTrue(Double.isNaN(TimeGradientRecorder.decayPerStep(new double[] {0, 0, 1})));
    }

    @Test
    public void healthReportsRatioDecayAndTheLargestGateBlock() throws IOException {
        Path dir = tmp.newFolder().toPath();
        KnownLayer layer = new KnownLayer();
        try (TimeGradientRecorder recorder = new TimeGradientRecorder(List.of(layer), dir)) {
            recorder.beforeBackward(true);
            recorder.recordStateGradients(3, false);
            List<org.gradflow.api.health.TimeHealth> h = recorder.health();
            assertEquals(1, h.size());
            assertEquals(0.125, h.get(0).firstToLast(), 0);
            assertEquals(3, h.get(0).recurrentWeightNorm(), 1e-12);
            assertTrue("a gated layer exposes no Jacobian", Double.isNaN(h.get(0).jacobianNorm()));
        }
        assertEquals("rows are written only when asked", 1, Files.readAllLines(dir.resolve("time-gradients.csv")).size());
    }
}
