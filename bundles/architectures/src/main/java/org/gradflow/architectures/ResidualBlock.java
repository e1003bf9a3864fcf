package org.gradflow.architectures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.architecture.ModelContext;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Sequential;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * A fully connected residual block {@code in -> w}, named {@code block<i>}. Shapes: x {@code [B, in]},
 * every other tensor {@code [B, w]}. Dense parts are {@code z = x W^T + b} ({@code ctx.dense}, no
 * activation); {@code norm} is the run's normalization (skipped where the spec has none) and {@code act}
 * the run's activation for hidden layer i, each part a layer of its own with its own parameters.
 *
 * <pre>
 * post-activation (He et al. 2016a):  F(x) = norm2(b(act1(norm1(a(x)))))       y = act2(F(x) + S(x))
 * pre-activation  (He et al. 2016b):  F(x) = b(act2(norm2(a(act1(norm1(x))))))  y = F(x) + S(x)
 * S(x) = x when in == w, else proj(x), a learned dense projection (He et al.'s option B)
 *
 * backward, given gy:
 *   1. gs = act2'(gy) (post) or gy (pre)           the gradient at the sum
 *   2. gx = gs (identity) or proj.backward(gs)     the skip branch, copied into an owned buffer
 *   3. gx += F.backward(gs)                        the residual branch receives the same gs
 * </pre>
 *
 * The projection has a bias because {@code ctx.dense} always makes one; it adds to {@code b.bias} at the
 * sum, so the pair has one redundant degree of freedom and is otherwise harmless. S takes the raw x in
 * both variants, so the skip path of a pre-activation net is free of nonlinearities end to end.
 *
 * <p>Parameters and buffers carry part prefixes: {@code a.weight, a.bias, norm1.*, act1.*, b.weight,
 * b.bias, norm2.*, act2.*, proj.weight, proj.bias}. Backward accumulates into every parameter gradient
 * even when the block's own input gradient is switched off: the parts inside the block still get
 * theirs, only the first part of F and the projection skip theirs.
 *
 * <p>References: He, Zhang, Ren &amp; Sun, "Deep Residual Learning for Image Recognition", CVPR 2016;
 * He, Zhang, Ren &amp; Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016.
 */
final class ResidualBlock implements Layer {
    private final String name;
    private final int in;
    private final int width;
    private final Sequential branch;
    /** The learned projection S, or {@code null} for the identity. */
    private final Layer projection;
    /** {@code act2} after the sum (post-activation), or {@code null} (pre-activation). */
    private final Layer after;
    private final ComputeBackend backend;
    private final Precision precision;
    private final List<Parameter> parameters = new ArrayList<>();
    /** {@code F(x) + S(x)}, {@code [B, w]}, one per batch size. */
    private final Map<Integer, Tensor> sums = new HashMap<>();
    /** The input gradient, {@code [B, in]}, one per batch size. */
    private final Map<Integer, Tensor> inputGradients = new HashMap<>();
    private boolean inputGradientNeeded = true;
    private int lastRows = -1;

    /**
     * Block {@code index} (1-based, the hidden-layer index whose activation and normalization it uses).
     */
    static ResidualBlock create(ModelContext ctx, int index, int in, int width, boolean preactivation) {
        if (in <= 0 || width <= 0) {
            throw new IllegalArgumentException("block" + index + ": sizes must be positive, got " + in + " -> " + width);
        }
        String name = "block" + index;
        List<Sequential.Part> parts;
        Layer after;
        if (preactivation) {
            parts = List.of(
                    new Sequential.Part("norm1.", ctx.normalization(index, name + ".norm1", in)),
                    new Sequential.Part("act1.", ctx.activation(index, name + ".act1", in)),
                    new Sequential.Part("a.", ctx.dense(name + ".a", in, width, null)),
                    new Sequential.Part("norm2.", ctx.normalization(index, name + ".norm2", width)),
                    new Sequential.Part("act2.", ctx.activation(index, name + ".act2", width)),
                    new Sequential.Part("b.", ctx.dense(name + ".b", width, width, null)));
            after = null;
        } else {
            parts = List.of(
                    new Sequential.Part("a.", ctx.dense(name + ".a", in, width, null)),
                    new Sequential.Part("norm1.", ctx.normalization(index, name + ".norm1", width)),
                    new Sequential.Part("act1.", ctx.activation(index, name + ".act1", width)),
                    new Sequential.Part("b.", ctx.dense(name + ".b", width, width, null)),
                    new Sequential.Part("norm2.", ctx.normalization(index, name + ".norm2", width)));
            after = ctx.activation(index, name + ".act2", width);
        }
        Layer projection = in == width ? null : ctx.dense(name + ".proj", in, width, null);
        return new ResidualBlock(name, in, width, new Sequential(name + ".residual", parts), projection, after,
                ctx.backend(), ctx.precision());
    }

    private ResidualBlock(String name, int in, int width, Sequential branch, Layer projection, Layer after,
            ComputeBackend backend, Precision precision) {
        this.name = name;
        this.in = in;
        this.width = width;
        this.branch = branch;
        this.projection = projection;
        this.after = after;
        this.backend = backend;
        this.precision = precision;
        parameters.addAll(branch.parameters());
        if (after != null) {
            after.parameters().forEach(p -> parameters.add(p.renamed("act2." + p.name())));
        }
        if (projection != null) {
            projection.parameters().forEach(p -> parameters.add(p.renamed("proj." + p.name())));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return width;
    }

    /** Whether the skip connection is a learned projection (the width changes) rather than the identity. */
    boolean projects() {
        return projection != null;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> out = new LinkedHashMap<>(branch.buffers());
        if (after != null) {
            after.buffers().forEach((k, v) -> out.put("act2." + k, v));
        }
        if (projection != null) {
            projection.buffers().forEach((k, v) -> out.put("proj." + k, v));
        }
        return out;
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        inputGradientNeeded = needed;
        branch.setInputGradientNeeded(needed);
        if (projection != null) {
            projection.setInputGradientNeeded(needed);
        }
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (input.cols() != in) {
            throw new IllegalArgumentException(name + ": expected " + in + " input features, got " + input.cols());
        }
        int rows = input.rows();
        Tensor skip = projection == null ? input : projection.forward(input, training);
        Tensor residual = branch.forward(input, training);
        Tensor sum = sums.computeIfAbsent(rows, r -> backend.allocate(r, width, precision));
        backend.copy(residual, sum);
        backend.axpby(1, skip, 1, sum);
        lastRows = rows;
        return after == null ? sum : after.forward(sum, training);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (lastRows < 0 || gradOutput.rows() != lastRows || gradOutput.cols() != width) {
            throw new IllegalStateException(name + ": backward without a matching forward");
        }
        Tensor gradSum = after == null ? gradOutput : after.backward(gradOutput);
        Tensor gradInput = inputGradientNeeded
                ? inputGradients.computeIfAbsent(lastRows, r -> backend.allocate(r, in, precision))
                : null;
        // Skip branch first, into the owned buffer, before the residual branch runs on the same gradSum.
        Tensor gradSkip = projection == null ? gradSum : projection.backward(gradSum);
        if (gradInput != null) {
            backend.copy(gradSkip, gradInput);
        }
        Tensor gradResidual = branch.backward(gradSum);
        if (gradInput != null) {
            backend.axpby(1, gradResidual, 1, gradInput);
        }
        return gradInput;
    }

    @Override
    public void close() {
        branch.close();
        if (projection != null) {
            projection.close();
        }
        if (after != null) {
            after.close();
        }
        sums.values().forEach(Tensor::close);
        sums.clear();
        inputGradients.values().forEach(Tensor::close);
        inputGradients.clear();
    }
}
