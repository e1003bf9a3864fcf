package org.gradflow.recurrent;

import static org.junit.Assert.assertArrayEquals;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.tensor.Tensor;
import org.junit.Test;

/**
 * Each cell's forward pass on tiny sizes against values worked out by hand (batch of 1, 2 steps, one
 * feature per step), so the equations, the gate order and the weight layout are checked, not just the
 * agreement of forward and backward. Numbers are rounded here to 5 places; the asserts use 13.
 */
public class ForwardValuesTest {
    /** A few units in the last place: Java's tanh and exp may round differently from the ones the numbers came from. */
    private static final double EXACT = 1e-13;

    private static double[] run(Layer layer, double... x) {
        Tensor input = Fixtures.BACKEND.tensor(1, x.length, x);
        double[] y = Fixtures.values(layer.forward(input, false));
        layer.close();
        return y;
    }

    /**
     * H = 2, tanh, W_ih = [[0.5], [-0.3]], W_hh = [[0.1, 0.2], [-0.4, 0.3]] (row = unit, [out, in]),
     * b = [0.1, 0], x = (1, 2), h_{-1} = 0; the sequence of both states is returned.
     * <pre>
     * t=0: a = (0.5 + 0.1, -0.3) = (0.6, -0.3)                 h_0 = tanh(a) = (0.53705, -0.29131)
     * t=1: a_1 = 0.5*2 + 0.1*0.53705 + 0.2*(-0.29131) + 0.1 = 1.09544
     *      a_2 = -0.3*2 - 0.4*0.53705 + 0.3*(-0.29131)      = -0.90221
     *      h_1 = (tanh(1.09544), tanh(-0.90221)) = (0.79886, -0.71737)
     * </pre>
     */
    @Test
    public void rnnTwoUnitsTwoSteps() {
        RnnLayer rnn = new RnnLayer(Fixtures.options("rnn1", 1, 2, 2, true, 0, false), Fixtures.TANH);
        Fixtures.set(rnn.parameters().get(0), 0.5, -0.3);
        Fixtures.set(rnn.parameters().get(1), 0.1, 0.2, -0.4, 0.3);
        Fixtures.set(rnn.parameters().get(2), 0.1, 0);
        assertArrayEquals(new double[] {0.5370495669980353, -0.2913126124515909, 0.7988559550619136,
            -0.7173740075132902}, run(rnn, 1, 2), EXACT);
    }

    /**
     * H = 1, W_ih = 0.5, W_hh = -1, b = 0.1, learned initial state h_{-1} = 0.5, x = (1):
     * h_0 = tanh(0.5*1 - 1*0.5 + 0.1) = tanh(0.1) = 0.09967.
     */
    @Test
    public void rnnStartsFromTheLearnedInitialState() {
        RnnLayer rnn = new RnnLayer(Fixtures.options("rnn1", 1, 1, 1, false, 0, true), Fixtures.TANH);
        Fixtures.set(rnn.parameters().get(0), 0.5);
        Fixtures.set(rnn.parameters().get(1), -1);
        Fixtures.set(rnn.parameters().get(2), 0.1);
        Fixtures.set(Fixtures.parameter(rnn, "initial_state"), 0.5);
        assertArrayEquals(new double[] {0.09966799462495582}, run(rnn, 1), EXACT);
    }

    /**
     * H = 1, gate blocks in the order i, f, g, o: W_ih = (0.1, 0.2, 0.3, 0.4), W_hh = (0.5, -0.5, 0.25,
     * -0.25), b = (0, 1, 0, 0) as forget-bias=1 makes it, x = (1, -1), h_{-1} = c_{-1} = 0.
     * <pre>
     * t=0: p = (0.1, 1.2, 0.3, 0.4)   i = σ(0.1) = 0.52498   f = σ(1.2) = 0.76852   g = tanh(0.3) = 0.29131
     *      o = σ(0.4) = 0.59869       c_0 = 0.76852*0 + 0.52498*0.29131 = 0.15293
     *      h_0 = 0.59869 * tanh(0.15293) = 0.09085
     * t=1: p = (-0.1 + 0.5*0.09085, -0.2 - 0.5*0.09085 + 1, -0.3 + 0.25*0.09085, -0.4 - 0.25*0.09085)
     *        = (-0.05457, 0.75457, -0.27729, -0.42271)
     *      i = 0.48636  f = 0.68017  g = -0.27039  o = 0.39587
     *      c_1 = 0.68017*0.15293 + 0.48636*(-0.27039) = -0.02749     h_1 = 0.39587 * tanh(-0.02749) = -0.01088
     * </pre>
     */
    @Test
    public void lstmGatesInPyTorchOrder() {
        LstmLayer lstm = new LstmLayer(Fixtures.options("lstm1", 1, 1, 2, false, 0, false), 1.0);
        Fixtures.set(Fixtures.parameter(lstm, "weight_ih"), 0.1, 0.2, 0.3, 0.4);
        Fixtures.set(Fixtures.parameter(lstm, "weight_hh"), 0.5, -0.5, 0.25, -0.25);
        assertArrayEquals(new double[] {-0.010878394611647687}, run(lstm, 1, -1), EXACT);
    }

    /**
     * H = 1, gate blocks in the order r, z, n: W_ih = (0.5, -0.5, 1), W_hh = (0.2, 0.3, -0.4),
     * b_ih = (0.1, 0, 0.2), b_hh = (0, 0.1, -0.3), x = (1, 2), h_{-1} = 0.
     * <pre>
     * t=0: a = (0.6, -0.5, 1.2)   u = (0, 0.1, -0.3)
     *      r = σ(0.6) = 0.64566   z = σ(-0.4) = 0.40131   n = tanh(1.2 + 0.64566*(-0.3)) = 0.76423
     *      h_0 = (1 - 0.40131)*0.76423 + 0.40131*0 = 0.45753
     * t=1: a = (1.1, -1, 2.2)     u = (0.2*0.45753, 0.3*0.45753 + 0.1, -0.4*0.45753 - 0.3) = (0.09151, 0.23726, -0.48301)
     *      r = σ(1.19151) = 0.76701   z = σ(-0.76274) = 0.31805   n = tanh(2.2 + 0.76701*(-0.48301)) = 0.94978
     *      h_1 = (1 - 0.31805)*0.94978 + 0.31805*0.45753 = 0.79322
     * </pre>
     */
    @Test
    public void gruGatesInPyTorchOrderWithTheHiddenBiasInsideTheReset() {
        GruLayer gru = new GruLayer(Fixtures.options("gru1", 1, 1, 2, true, 0, false));
        Fixtures.set(Fixtures.parameter(gru, "weight_ih"), 0.5, -0.5, 1);
        Fixtures.set(Fixtures.parameter(gru, "weight_hh"), 0.2, 0.3, -0.4);
        Fixtures.set(Fixtures.parameter(gru, "bias_ih"), 0.1, 0, 0.2);
        Fixtures.set(Fixtures.parameter(gru, "bias_hh"), 0, 0.1, -0.3);
        assertArrayEquals(new double[] {0.45753424325434844, 0.7932199950486093}, run(gru, 1, 2), EXACT);
    }
}
