package org.gradflow.pretrainers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * An autoencoder's linear decoder and its squared reconstruction loss, a forward/backward pair.
 * Shapes: code {@code h [B, out]}, clean input {@code x [B, in]}, decoder bias {@code c [1, in]}, and
 * either the encoder's own weight {@code W [out, in]} (tied) or a decoder weight {@code D [in, out]}
 * (untied, PyTorch's layout for a linear map {@code out -> in}):
 *
 * <pre>
 * forward:   xhat = h W + c            tied        matmul(h, W) then addRowVector(c)
 *            xhat = h D^T + c          untied      matmul(h, D^T)
 *            L    = (1 / (B in)) sum_ij (xhat_ij - x_ij)^2
 * backward:  G    = dL/dxhat = (2 / (B in)) (xhat - x)                        [B, in]
 *            dW  += h^T G              tied        (adds to the encoder's own gradient of W)
 *            dD  += G^T h              untied
 *            dc  += sum_i G_i
 *            dL/dh = G W^T  (tied)  or  G D  (untied)                         [B, out]
 * </pre>
 *
 * Gradients <em>accumulate</em> into {@link Parameter#gradient()} like a layer's backward; the
 * caller zeroes them. With tied weights the decoder's term and the encoder's term (from the layer's
 * backward) add up in {@code dW}, as they must for the one shared matrix. Work tensors are kept per
 * batch size; {@link #backward()} uses the last {@link #forward}'s {@code h}, which must still hold
 * the same values ({@code G} is computed in the forward pass, so {@code x} may change in between).
 */
final class Reconstruction implements AutoCloseable {
    private final Parameter weight;
    private final boolean tied;
    private final Parameter bias;
    private final int in;
    private final int out;
    private final Precision precision;
    private final Map<Integer, Tensor[]> buffers = new HashMap<>();
    private Tensor h;
    private Tensor[] last;

    /**
     * @param weight the encoder's {@code W [out, in]} when {@code tied}, else the decoder's {@code D [in, out]}
     * @param bias   the decoder bias {@code c [1, in]}
     */
    Reconstruction(Parameter weight, boolean tied, Parameter bias) {
        this.weight = weight;
        this.tied = tied;
        this.bias = bias;
        this.in = bias.value().cols();
        this.out = tied ? weight.value().rows() : weight.value().cols();
        this.precision = weight.value().precision();
    }

    /** The decoder's own parameters: {@code c}, and {@code D} when untied. */
    List<Parameter> parameters() {
        return tied ? List.of(bias) : List.of(weight, bias);
    }

    /** Computes {@code xhat} and returns the mean squared error against {@code x}. */
    double forward(Tensor h, Tensor x) {
        ComputeBackend b = x.backend();
        int rows = x.rows();
        // xhat, G, dL/dh
        last = buffers.computeIfAbsent(rows, r -> new Tensor[] {b.allocate(r, in, precision),
            b.allocate(r, in, precision), b.allocate(r, out, precision)});
        Tensor xhat = last[0];
        b.matmul(h, false, weight.value(), !tied, 1, 0, xhat);
        b.addRowVector(bias.value(), xhat);
        this.h = h;
        double s = 2.0 / ((double) rows * in);
        b.copy(xhat, last[1]);
        b.axpby(-s, x, s, last[1]);
        return b.squaredDistance(xhat, x) / ((double) rows * in);
    }

    /** Accumulates the decoder's gradients and returns {@code dL/dh [B, out]} (valid until the next call). */
    Tensor backward() {
        ComputeBackend b = h.backend();
        Tensor g = last[1];
        if (tied) {
            b.matmul(h, true, g, false, 1, 1, weight.gradient());
            b.matmul(g, false, weight.value(), true, 1, 0, last[2]);
        } else {
            b.matmul(g, true, h, false, 1, 1, weight.gradient());
            b.matmul(g, false, weight.value(), false, 1, 0, last[2]);
        }
        b.sumRows(g, 1, bias.gradient());
        return last[2];
    }

    @Override
    public void close() {
        for (Tensor[] ts : buffers.values()) {
            for (Tensor t : ts) {
                t.close();
            }
        }
        buffers.clear();
    }
}
