package org.gradflow.recurrent;

import java.util.List;

import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Tensor;

/**
 * The GRU cell with PyTorch's equations and gate order (reset, update, new); Cho et al. 2014:
 * <pre>
 * a = x_t W_ih^T + b_ih    u = h_{t-1} W_hh^T + b_hh     [B, 3H] each, blocks r, z, n
 * r = σ(a_r + u_r)    z = σ(a_z + u_z)    n = tanh(a_n + r ⊙ u_n)
 * h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}  =  n + z ⊙ (h_{t-1} - n)
 * backward, given dh = dL/dh_t:
 *   dq_n = dh ⊙ (1 - z) ⊙ tanh'    (q_n = a_n + r ⊙ u_n)
 *   da = [dr, dz, dq_n]  with dz = dh ⊙ (h_{t-1} - n) ⊙ σ'  and  dr = dq_n ⊙ u_n ⊙ σ'
 *   du = [dr, dz, dq_n ⊙ r]
 *   dW_ih += da^T x_t   db_ih += sum da   dW_hh += du^T h_{t-1}   db_hh += sum du
 *   dx_t = da W_ih      dL/dh_{t-1} = du W_hh + z ⊙ dh
 * </pre>
 * Both biases are kept, as in PyTorch, because {@code b_hn} sits inside {@code r ⊙ (...)} and so is not
 * redundant with {@code b_in}. The term {@code z ⊙ dh} passes the gradient back with no matrix in
 * between: with z near 1 the state, and its gradient, are carried over many steps.
 */
final class GruLayer extends SequenceLayer<GruLayer.Work> {
    static final List<String> GATES = List.of("reset", "update", "new");
    private final Parameter biasIh;
    private final Parameter biasHh;

    /** Per-batch-size buffers: every step's gates and {@code u_n}, and the backward scratch. */
    final class Work extends Workspace {
        final Tensor a = tensor(3 * hidden);
        final Tensor u = tensor(3 * hidden);
        final Tensor[] r = perStep(steps, hidden);
        final Tensor[] z = perStep(steps, hidden);
        final Tensor[] n = perStep(steps, hidden);
        final Tensor[] un = perStep(steps, hidden);
        final Tensor direct = tensor(hidden);
        final Tensor dqn = tensor(hidden);
        final Tensor difference = tensor(hidden);
        final Tensor scratch = tensor(hidden);

        Work(int rows) {
            super(GruLayer.this, rows);
        }
    }

    GruLayer(LayerOptions options) {
        super(options, GATES, List.of("initial_state"), Parameter.Role.BIAS, "bias_ih", "bias_hh");
        biasIh = biases.get(0);
        biasHh = biases.get(1);
    }

    @Override
    Work workspace(int rows) {
        return new Work(rows);
    }

    @Override
    void step(Work w, int t, Tensor x) {
        backend.matmul(x, false, weightIh.value(), true, 1, 0, w.a);
        backend.addRowVector(biasIh.value(), w.a);
        backend.matmul(w.h[t], false, weightHh.value(), true, 1, 0, w.u);
        backend.addRowVector(biasHh.value(), w.u);
        sumOfBlocks(w, 0, GateFunction.SIGMOID, w.r[t]);
        sumOfBlocks(w, 1, GateFunction.SIGMOID, w.z[t]);
        Tensor n = w.n[t];
        backend.copyColumns(w.u, 2 * hidden, w.un[t], 0, hidden, 0);
        backend.copy(w.un[t], n);
        backend.multiply(w.r[t], n);
        backend.copyColumns(w.a, 2 * hidden, n, 0, hidden, 1);
        backend.activate(GateFunction.TANH, n, n);
        Tensor h = w.h[t + 1];
        backend.copy(w.h[t], h);
        backend.axpby(-1, n, 1, h);
        backend.multiply(w.z[t], h);
        backend.axpby(1, n, 1, h);
    }

    /** {@code out = fn(a[:, block] + u[:, block])}. */
    private void sumOfBlocks(Work w, int block, GateFunction fn, Tensor out) {
        backend.copyColumns(w.a, block * hidden, out, 0, hidden, 0);
        backend.copyColumns(w.u, block * hidden, out, 0, hidden, 1);
        backend.activate(fn, out, out);
    }

    @Override
    void stepBackward(Work w, int t, Tensor x, Tensor dh, Tensor dx, Tensor dhPrev) {
        // z ⊙ dh, the part of dL/dh_{t-1} that skips every matrix; dq_n = (dh - z ⊙ dh) ⊙ tanh'
        backend.copy(dh, w.direct);
        backend.multiply(w.z[t], w.direct);
        backend.copy(dh, w.dqn);
        backend.axpby(-1, w.direct, 1, w.dqn);
        backend.activateBackward(GateFunction.TANH, w.n[t], w.n[t], w.dqn, w.dqn);
        // da = [dr, dz, dq_n] in w.a, du = [dr, dz, dq_n ⊙ r] in w.u (the forward values are spent)
        gateGradient(w.dqn, w.un[t], GateFunction.SIGMOID, w.r[t], w.scratch, w.a, 0);
        backend.copy(w.h[t], w.difference);
        backend.axpby(-1, w.n[t], 1, w.difference);
        gateGradient(dh, w.difference, GateFunction.SIGMOID, w.z[t], w.scratch, w.a, 1);
        backend.copyColumns(w.dqn, 0, w.a, 2 * hidden, hidden, 0);
        backend.copy(w.a, w.u);
        backend.copy(w.dqn, w.scratch);
        backend.multiply(w.r[t], w.scratch);
        backend.copyColumns(w.scratch, 0, w.u, 2 * hidden, hidden, 0);
        addBatchSum(biasIh, w.a);
        addBatchSum(biasHh, w.u);
        backPropagate(x, w.h[t], w.a, w.u, dx, dhPrev);
        if (dhPrev != null) {
            backend.axpby(1, w.direct, 1, dhPrev);
        }
    }
}
