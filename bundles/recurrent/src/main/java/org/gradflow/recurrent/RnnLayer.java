package org.gradflow.recurrent;

import java.util.List;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Tensor;

/**
 * The Elman cell, as PyTorch's {@code nn.RNN} with {@code nonlinearity} any element-wise f:
 * <pre>
 * a_t = x_t W_ih^T + h_{t-1} W_hh^T + b          W_ih [H, F], W_hh [H, H], b [1, H]
 * h_t = f(a_t)
 * backward, given dh = dL/dh_t:
 *   da = dh ⊙ f'(a_t)
 *   dW_ih += da^T x_t    dW_hh += da^T h_{t-1}    db += sum over the batch of da
 *   dx_t = da W_ih       dL/dh_{t-1} = da W_hh
 * </pre>
 * One gate, {@code hidden}. PyTorch has two biases {@code b_ih + b_hh}; their sum is one parameter
 * here. Per step back the gradient is multiplied by {@code diag(f'(a_t)) W_hh}: with tanh
 * ({@code |f'| <= 1}) and a largest singular value of {@code W_hh} below 1 it can only shrink.
 */
final class RnnLayer extends SequenceLayer<RnnLayer.Work> {
    private final ActivationFunction f;
    private final Parameter bias;

    /** Per-batch-size buffers: the pre-activations of every step and their gradient. */
    final class Work extends Workspace {
        final Tensor[] a = perStep(steps, hidden);
        final Tensor da = tensor(hidden);
        private Tensor ones;
        private Tensor derivative;

        /** {@code f'(a)} of the last step, computed on demand for diagnosis. */
        Tensor lastDerivative() {
            if (derivative == null) {
                ones = tensor(hidden);
                derivative = tensor(hidden);
                backend.fill(ones, 1);
            }
            backend.activateBackward(f, a[steps - 1], h[steps], ones, derivative);
            return derivative;
        }

        Work(int rows) {
            super(RnnLayer.this, rows);
        }
    }

    RnnLayer(LayerOptions options, ActivationFunction f) {
        super(options, List.of("hidden"), List.of("initial_state"), Parameter.Role.BIAS, "bias");
        this.f = f;
        this.bias = biases.get(0);
    }

    /** The last step's pre-activation and hidden state, so the core can measure saturation and dead units. */
    @Override
    public List<Observation> observations() {
        Work w = lastWorkspace();
        return w == null ? List.of() : List.of(new Observation(f, w.a[steps - 1], w.h[steps]));
    }

    /** {@code f'(a_{T-1})}, for the core's estimate of the Jacobian {@code diag(f'(a)) W_hh}. */
    @Override
    public Tensor lastStepDerivative() {
        Work w = lastWorkspace();
        return w == null ? null : w.lastDerivative();
    }

    @Override
    Work workspace(int rows) {
        return new Work(rows);
    }

    @Override
    void step(Work w, int t, Tensor x) {
        Tensor a = w.a[t];
        backend.matmul(x, false, weightIh.value(), true, 1, 0, a);
        backend.matmul(w.h[t], false, weightHh.value(), true, 1, 1, a);
        backend.addRowVector(bias.value(), a);
        backend.activate(f, a, w.h[t + 1]);
    }

    @Override
    void stepBackward(Work w, int t, Tensor x, Tensor dh, Tensor dx, Tensor dhPrev) {
        backend.activateBackward(f, w.a[t], w.h[t + 1], dh, w.da);
        addBatchSum(bias, w.da);
        backPropagate(x, w.h[t], w.da, w.da, dx, dhPrev);
    }
}
