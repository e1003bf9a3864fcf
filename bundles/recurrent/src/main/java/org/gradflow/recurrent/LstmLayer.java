package org.gradflow.recurrent;

import java.util.List;

import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Tensor;

/**
 * The LSTM cell with PyTorch's equations and gate order (input, forget, cell, output):
 * <pre>
 * p = x_t W_ih^T + h_{t-1} W_hh^T + b           W_ih [4H, F], W_hh [4H, H], b [1, 4H]: blocks i, f, g, o
 * i = σ(p_i)   f = σ(p_f)   g = tanh(p_g)   o = σ(p_o)
 * c_t = f ⊙ c_{t-1} + i ⊙ g
 * h_t = o ⊙ tanh(c_t)
 * backward, given dh = dL/dh_t and dc = dL/dc_t from step t+1 (0 at the last step):
 *   dc += dh ⊙ o ⊙ (1 - tanh²(c_t))
 *   dp_o = dh ⊙ tanh(c_t) ⊙ σ'    dp_i = dc ⊙ g ⊙ σ'    dp_f = dc ⊙ c_{t-1} ⊙ σ'    dp_g = dc ⊙ i ⊙ tanh'
 *   then as every cell with dp = [dp_i dp_f dp_g dp_o]; and dL/dc_{t-1} = dc ⊙ f
 * </pre>
 * The bias starts as 0 except its forget block, which starts at {@code forget-bias} (Gers, Schmidhuber
 * &amp; Cummins 2000; Jozefowicz, Zaremba &amp; Sutskever 2015 recommend 1): a forget gate near
 * {@code σ(1) = 0.73} keeps the cell state, and so its gradient, from the first step of training. It is
 * therefore {@code SELF_INITIALIZED}. PyTorch's two biases {@code b_ih + b_hh} are one parameter here.
 * The cell path multiplies the gradient by {@code f} per step back instead of by a matrix, so it decays
 * only as fast as the forget gate closes (Hochreiter &amp; Schmidhuber 1997). With
 * {@code learn-initial-state} both {@code initial_state} (h) and {@code initial_cell} (c) are learned.
 */
final class LstmLayer extends SequenceLayer<LstmLayer.Work> {
    static final List<String> GATES = List.of("input", "forget", "cell", "output");
    private static final int FORGET = 1;
    private final Parameter bias;

    /** Per-batch-size buffers: every step's gates and cell state, and the backward scratch. */
    final class Work extends Workspace {
        final Tensor p = tensor(4 * hidden);
        final Tensor[] i = perStep(steps, hidden);
        final Tensor[] f = perStep(steps, hidden);
        final Tensor[] g = perStep(steps, hidden);
        final Tensor[] o = perStep(steps, hidden);
        /** {@code c[s]}: the cell state after s steps; {@code c[0]} is the initial one. */
        final Tensor[] c = perStep(steps + 1, hidden);
        final Tensor[] tanhC = perStep(steps, hidden);
        final Tensor dc = tensor(hidden);
        final Tensor scratch = tensor(hidden);
        final Tensor dp = tensor(4 * hidden);

        Work(int rows) {
            super(LstmLayer.this, rows);
        }
    }

    LstmLayer(LayerOptions options, double forgetBias) {
        super(options, GATES, List.of("initial_state", "initial_cell"), Parameter.Role.SELF_INITIALIZED, "bias");
        bias = biases.get(0);
        double[] initial = new double[4 * hidden];
        java.util.Arrays.fill(initial, FORGET * hidden, (FORGET + 1) * hidden, forgetBias);
        backend.upload(initial, 0, bias.value());
    }

    @Override
    Work workspace(int rows) {
        return new Work(rows);
    }

    @Override
    void startState(Work w) {
        super.startState(w);
        broadcast(1, w.c[0]);
    }

    @Override
    void startStateBackward(Work w, Tensor dh0) {
        super.startStateBackward(w, dh0);
        addBatchSum(initialStates.get(1), w.dc);
    }

    @Override
    List<Tensor> state(Work w, int done) {
        return List.of(w.h[done], w.c[done]);
    }

    @Override
    void step(Work w, int t, Tensor x) {
        backend.matmul(x, false, weightIh.value(), true, 1, 0, w.p);
        backend.matmul(w.h[t], false, weightHh.value(), true, 1, 1, w.p);
        backend.addRowVector(bias.value(), w.p);
        gate(w.p, 0, GateFunction.SIGMOID, w.i[t]);
        gate(w.p, 1, GateFunction.SIGMOID, w.f[t]);
        gate(w.p, 2, GateFunction.TANH, w.g[t]);
        gate(w.p, 3, GateFunction.SIGMOID, w.o[t]);
        Tensor c = w.c[t + 1];
        backend.copy(w.f[t], c);
        backend.multiply(w.c[t], c);
        backend.copy(w.i[t], w.scratch);
        backend.multiply(w.g[t], w.scratch);
        backend.axpby(1, w.scratch, 1, c);
        backend.activate(GateFunction.TANH, c, w.tanhC[t]);
        backend.copy(w.tanhC[t], w.h[t + 1]);
        backend.multiply(w.o[t], w.h[t + 1]);
    }

    @Override
    void stepBackward(Work w, int t, Tensor x, Tensor dh, Tensor dx, Tensor dhPrev) {
        if (t == steps - 1) {
            backend.fill(w.dc, 0);
        }
        backend.copy(dh, w.scratch);
        backend.multiply(w.o[t], w.scratch);
        backend.activateBackward(GateFunction.TANH, w.c[t + 1], w.tanhC[t], w.scratch, w.scratch);
        backend.axpby(1, w.scratch, 1, w.dc);
        gateGradient(w.dc, w.g[t], GateFunction.SIGMOID, w.i[t], w.scratch, w.dp, 0);
        gateGradient(w.dc, w.c[t], GateFunction.SIGMOID, w.f[t], w.scratch, w.dp, 1);
        gateGradient(w.dc, w.i[t], GateFunction.TANH, w.g[t], w.scratch, w.dp, 2);
        gateGradient(dh, w.tanhC[t], GateFunction.SIGMOID, w.o[t], w.scratch, w.dp, 3);
        addBatchSum(bias, w.dp);
        backPropagate(x, w.h[t], w.dp, w.dp, dx, dhPrev);
        if (dhPrev != null) {
            backend.multiply(w.f[t], w.dc);
        } else {
            backend.fill(w.dc, 0);
        }
    }
}
