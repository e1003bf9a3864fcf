package org.gradflow.recurrent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.nn.RecurrentLayer;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * What every recurrent layer shares: the loop over time steps forward and backward (BPTT), the
 * truncation, the parameters {@code weight_ih [G*H, F]} and {@code weight_hh [G*H, H]}, the optional
 * learned initial state, the per-batch-size buffers and the recording of {@code ||dL/dh_t||}. A cell
 * subclass supplies one forward step and one backward step. Shapes as in the package doc; {@code h_{-1}}
 * is the state before step 0.
 *
 * <pre>
 * forward:  h_{-1} = 0, or the learned initial_state [1, H] broadcast over the batch
 *           for t = 0 .. T-1:  x_t = input[:, t*F ..]   h_t = cell(x_t, h_{t-1})   output[:, t*H ..] = h_t
 * backward: g = 0                                       (dL/dh_t arriving from step t+1)
 *           for t = T-1 .. 0:  dh_t = g + gradOutput[:, t*H ..]    (many-to-one: only t = T-1 has one)
 *                              record ||dh_t|| if asked
 *                              cell backward: parameter gradients += ..., dx_t, and g = dL/dh_{t-1}
 *                              if t is a window boundary (t % k == 0, t &gt; 0): g = 0   (the cut)
 *           initial_state.gradient += sum over the batch of g   (when learned)
 * </pre>
 *
 * <p>Truncated BPTT with window k: the forward pass is unchanged (the state flows through the whole
 * sequence), but the gradient that flows from step t back to step t-1 through the recurrent state
 * ({@code h}, and {@code c} for the LSTM) is cut at every t with {@code t % k == 0}, which is what
 * PyTorch users get by calling {@code h.detach()} every k steps. Every step still adds to the parameter
 * gradients, through the gradient its own output receives, and there is one update per batch. Step 0's
 * state gradient always reaches a learned initial state. In many-to-one, where only {@code h_{T-1}} has
 * a loss, nothing reaches the steps before the last window, so backward stops there and their input
 * gradient is exactly 0. {@code k = 0}, or {@code k >= T}, is full BPTT.
 *
 * <p>Gradients accumulate into {@link Parameter#gradient()} (frozen parameters are skipped); returned
 * tensors belong to the layer and are reused by the next call with the same batch size.
 *
 * @param <W> the cell's buffers for one batch size
 */
abstract class SequenceLayer<W extends Workspace> implements RecurrentLayer {
    final String name;
    final int features;
    final int hidden;
    final int steps;
    final int gates;
    final boolean returnsSequence;
    final int window;
    final ComputeBackend backend;
    final Precision precision;
    final Parameter weightIh;
    final Parameter weightHh;
    /** {@code bias}, or {@code bias_ih, bias_hh} for the GRU, each {@code [1, G*H]}. */
    final List<Parameter> biases = new ArrayList<>();
    /** {@code initial_state} (and the LSTM's {@code initial_cell}), each {@code [1, H]}; empty when not learned. */
    final List<Parameter> initialStates = new ArrayList<>();
    private final List<String> gateNames;
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<Integer, W> workspaces = new HashMap<>();
    private W last;
    private Tensor lastInput;
    private boolean inputGradientNeeded = true;
    private boolean recording;
    private double[] norms;

    /**
     * @param stateNames names of the learned initial states, used when {@code learnInitialState}
     * @param biasNames  the biases, each {@code [1, G*H]} of role {@code biasRole}
     */
    SequenceLayer(LayerOptions o, List<String> gateNames, List<String> stateNames, Parameter.Role biasRole,
            String... biasNames) {
        this.name = o.name();
        this.features = o.features();
        this.hidden = o.hidden();
        this.steps = o.steps();
        this.gates = gateNames.size();
        this.returnsSequence = o.returnsSequence();
        this.window = o.window();
        this.backend = o.backend();
        this.precision = o.precision();
        this.gateNames = List.copyOf(gateNames);
        int rows = gates * hidden;
        weightIh = parameter("weight_ih", Parameter.Role.WEIGHT, rows, features, features);
        weightHh = parameter("weight_hh", Parameter.Role.WEIGHT, rows, hidden, hidden);
        for (String bias : biasNames) {
            biases.add(parameter(bias, biasRole, 1, rows, features));
        }
        if (o.learnInitialState()) {
            for (String state : stateNames) {
                initialStates.add(parameter(state, Parameter.Role.SELF_INITIALIZED, 1, hidden, 1));
            }
        }
    }

    private Parameter parameter(String local, Parameter.Role role, int rows, int cols, int fanIn) {
        Parameter p = new Parameter(local, role, backend.allocate(rows, cols, precision),
                backend.allocate(rows, cols, precision), fanIn, rows);
        parameters.add(p);
        return p;
    }

    /** The buffers of one batch size; called once per batch size. */
    abstract W workspace(int rows);

    /** The workspace of the last forward pass, or {@code null} before the first. */
    final W lastWorkspace() {
        return last;
    }

    /** Computes {@code w.h[t + 1] = h_t} from {@code x = x_t [B, F]} and {@code w.h[t] = h_{t-1}}. */
    abstract void step(W w, int t, Tensor x);

    /**
     * Back-propagates step t: {@code dh = dL/dh_t [B, H]} in total. Adds the step's parameter gradients;
     * writes {@code dL/dx_t} into {@code dx} unless it is {@code null}, and {@code dL/dh_{t-1}} into
     * {@code dhPrev} unless it is {@code null} (the cut, or step 0 without a learned initial state), in
     * which case the cell's own carried gradient (the LSTM's {@code dL/dc}) is cut as well.
     */
    abstract void stepBackward(W w, int t, Tensor x, Tensor dh, Tensor dx, Tensor dhPrev);

    /** Sets the state before step 0: zero, or the learned initial state broadcast over the batch. */
    void startState(W w) {
        broadcast(0, w.h[0]);
    }

    /** Adds {@code dh0 = dL/dh_{-1}} into the learned initial state's gradient. */
    void startStateBackward(W w, Tensor dh0) {
        addBatchSum(initialStates.get(0), dh0);
    }

    /** {@code target = 0}, plus learned initial state {@code index} on every row when there is one. */
    final void broadcast(int index, Tensor target) {
        backend.fill(target, 0);
        if (!initialStates.isEmpty()) {
            backend.addRowVector(initialStates.get(index).value(), target);
        }
    }

    /** {@code out = fn(pre[:, block*H .. block*H+H-1])}: one gate's values from the stacked pre-activations. */
    final void gate(Tensor pre, int block, GateFunction fn, Tensor out) {
        backend.copyColumns(pre, block * hidden, out, 0, hidden, 0);
        backend.activate(fn, out, out);
    }

    /**
     * {@code dG[:, block] = upstream ⊙ factor ⊙ fn'(value)}: the gradient at one gate's pre-activation,
     * where {@code value} is the gate's output and {@code upstream ⊙ factor} the gradient reaching it.
     * {@code scratch} is any {@code [B, H]} buffer other than the three inputs.
     */
    final void gateGradient(Tensor upstream, Tensor factor, GateFunction fn, Tensor value, Tensor scratch,
            Tensor dG, int block) {
        backend.copy(upstream, scratch);
        backend.multiply(factor, scratch);
        backend.activateBackward(fn, value, value, scratch, scratch);
        backend.copyColumns(scratch, 0, dG, block * hidden, hidden, 0);
    }

    /**
     * The end of every backward step, given {@code dGi = dL/d(x_t W_ih^T)} and {@code dGh = dL/d(h_{t-1}
     * W_hh^T)}, both {@code [B, G*H]} (the same tensor except in the GRU): {@code dW_ih += dGi^T x_t},
     * {@code dW_hh += dGh^T h_{t-1}}, {@code dx = dGi W_ih}, {@code dhPrev = dGh W_hh}.
     */
    final void backPropagate(Tensor x, Tensor hPrev, Tensor dGi, Tensor dGh, Tensor dx, Tensor dhPrev) {
        if (!weightIh.frozen()) {
            backend.matmul(dGi, true, x, false, 1, 1, weightIh.gradient());
        }
        if (!weightHh.frozen()) {
            backend.matmul(dGh, true, hPrev, false, 1, 1, weightHh.gradient());
        }
        if (dx != null) {
            backend.matmul(dGi, false, weightIh.value(), false, 1, 0, dx);
        }
        if (dhPrev != null) {
            backend.matmul(dGh, false, weightHh.value(), false, 1, 0, dhPrev);
        }
    }

    /** {@code p.gradient += sum over the batch of g}, unless p is frozen. */
    final void addBatchSum(Parameter p, Tensor g) {
        if (!p.frozen()) {
            backend.sumRows(g, 1, p.gradient());
        }
    }

    @Override
    public final Tensor forward(Tensor input, boolean training) {
        if (input.cols() != steps * features) {
            throw new IllegalArgumentException(name + ": expected " + steps + " steps x " + features + " features = "
                    + steps * features + " inputs per example, got " + input.cols());
        }
        W w = workspaces.computeIfAbsent(input.rows(), this::workspace);
        startState(w);
        for (int t = 0; t < steps; t++) {
            backend.copyColumns(input, t * features, w.x, 0, features, 0);
            step(w, t, w.x);
            if (returnsSequence) {
                backend.copyColumns(w.h[t + 1], 0, w.output, t * hidden, hidden, 0);
            }
        }
        last = w;
        lastInput = input;
        return returnsSequence ? w.output : w.h[steps];
    }

    @Override
    public final Tensor backward(Tensor gradOutput) {
        W w = last;
        if (w == null || gradOutput.rows() != w.rows || gradOutput.cols() != outputSize()) {
            throw new IllegalStateException(name + ": backward without a matching forward");
        }
        Tensor gradInput = inputGradientNeeded ? w.gradInput() : null;
        Tensor dx = gradInput == null ? null : w.dx;
        double[] recorded = recording ? new double[steps] : null;
        int first = firstStepReached();
        if (gradInput != null && first > 0) {
            backend.fill(gradInput, 0);
        }
        Tensor dh = w.dhA;
        Tensor dhPrev = w.dhB;
        backend.fill(dh, 0);
        for (int t = steps - 1; t >= first; t--) {
            // dh = dL/dh_t: what step t+1 passed back (already in dh) plus the output's gradient at t
            if (returnsSequence) {
                backend.copyColumns(gradOutput, t * hidden, dh, 0, hidden, 1);
            } else if (t == steps - 1) {
                backend.copy(gradOutput, dh);
            }
            if (recorded != null) {
                recorded[t] = backend.stats(dh).l2();
            }
            boolean carry = t > 0 ? !isCut(t) : !initialStates.isEmpty();
            backend.copyColumns(lastInput, t * features, w.x, 0, features, 0);
            stepBackward(w, t, w.x, dh, dx, carry ? dhPrev : null);
            if (dx != null) {
                backend.copyColumns(dx, 0, gradInput, t * features, features, 0);
            }
            if (!carry) {
                backend.fill(dhPrev, 0); // the cut: step t-1 starts from its own output's gradient only
            }
            Tensor swap = dh;
            dh = dhPrev;
            dhPrev = swap;
        }
        if (first == 0 && !initialStates.isEmpty()) {
            startStateBackward(w, dh);
        }
        if (recorded != null) {
            norms = recorded;
        }
        return gradInput;
    }

    /** Whether truncation cuts the state gradient from step t to step t-1. */
    final boolean isCut(int t) {
        return window > 0 && t > 0 && t % window == 0;
    }

    /** The earliest step any gradient reaches: the last window's start in many-to-one, else 0. */
    private int firstStepReached() {
        return returnsSequence || window == 0 ? 0 : (steps - 1) / window * window;
    }

    /**
     * The recurrent state after {@code done} steps of the last forward ({@code 0}: the initial state), in
     * the order of the initial-state parameters: {@code h}, then the LSTM's {@code c}. For tests.
     */
    final List<Tensor> stateAfter(int done) {
        return state(last, done);
    }

    List<Tensor> state(W w, int done) {
        return List.of(w.h[done]);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return steps * features;
    }

    @Override
    public int outputSize() {
        return returnsSequence ? steps * hidden : hidden;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        inputGradientNeeded = needed;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int hiddenSize() {
        return hidden;
    }

    @Override
    public boolean returnsSequence() {
        return returnsSequence;
    }

    @Override
    public void recordStateGradients(boolean on) {
        recording = on;
    }

    /**
     * {@code ||dL/dh_t||} per step from the last backward pass that recorded: the total gradient at
     * {@code h_t} (its output's plus what step t+1 passed back), taken before the cut below t. Under
     * truncation in many-to-one the steps before the last window receive nothing and read 0.
     */
    @Override
    public double[] stateGradientNorms() {
        return norms == null ? null : norms.clone();
    }

    @Override
    public Parameter recurrentWeight() {
        return weightHh;
    }

    @Override
    public List<String> gateNames() {
        return gateNames;
    }

    @Override
    public void close() {
        workspaces.values().forEach(Workspace::close);
        workspaces.clear();
        last = null;
        lastInput = null;
        for (Parameter p : parameters) {
            p.value().close();
            p.gradient().close();
        }
    }
}
