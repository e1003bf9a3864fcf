package org.gradflow.api.nn;

import java.util.Objects;

import org.gradflow.api.tensor.Tensor;

/**
 * A trainable tensor of a layer and its gradient, same shape. Weight matrices are {@code [out, in]}
 * as in PyTorch's {@code nn.Linear}; biases {@code [1, out]}.
 *
 * <p>Gradient convention: {@link Layer#backward} <em>adds</em> into {@link #gradient()}; the trainer
 * zeroes gradients once before each step. The core initializes {@link Role#WEIGHT} parameters with
 * the run's initializer and {@link Role#BIAS} ones with the bias value; a layer that initializes a
 * parameter itself (an LSTM forget-gate bias, a normalization scale) marks it {@link Role#SELF_INITIALIZED}.
 */
public final class Parameter {
    /** How the core treats a parameter at initialization. */
    public enum Role { WEIGHT, BIAS, SELF_INITIALIZED }

    private final String name;
    private final Role role;
    private final Tensor value;
    private final Tensor gradient;
    private final int fanIn;
    private final int fanOut;
    /** Shared by a parameter and its renamed views, so freezing either freezes both. */
    private final java.util.concurrent.atomic.AtomicBoolean frozen;

    /**
     * @param name   local name within the layer, e.g. {@code weight}
     * @param fanIn  inputs per unit (initializers scale by it)
     * @param fanOut units fed (initializers scale by it)
     */
    public Parameter(String name, Role role, Tensor value, Tensor gradient, int fanIn, int fanOut) {
        this(name, role, value, gradient, fanIn, fanOut, new java.util.concurrent.atomic.AtomicBoolean());
    }

    private Parameter(String name, Role role, Tensor value, Tensor gradient, int fanIn, int fanOut,
            java.util.concurrent.atomic.AtomicBoolean frozen) {
        this.frozen = frozen;
        this.name = Objects.requireNonNull(name);
        this.role = Objects.requireNonNull(role);
        this.value = Objects.requireNonNull(value);
        this.gradient = Objects.requireNonNull(gradient);
        if (value.rows() != gradient.rows() || value.cols() != gradient.cols()) {
            throw new IllegalArgumentException(name + ": gradient shape differs from value shape");
        }
        this.fanIn = fanIn;
        this.fanOut = fanOut;
    }

    /**
     * Whether a (possibly prefixed) parameter name is a weight matrix: its last dot-segment starts with
     * {@code weight} ({@code weight}, {@code weight_ih}, {@code weight_hh}, {@code a.weight},
     * {@code proj.weight}) and the segment before it does not start with {@code norm} or {@code act} (a
     * normalization's scale, a learned activation's slopes). Gradient tables and reports use it to pick
     * the parameters whose gradient shows the flow through the network.
     */
    public static boolean isWeightMatrix(String name) {
        int dot = name.lastIndexOf('.');
        String last = name.substring(dot + 1);
        String owner = dot < 0 ? "" : name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);
        return last.startsWith("weight") && !owner.startsWith("norm") && !owner.startsWith("act");
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public Tensor value() {
        return value;
    }

    public Tensor gradient() {
        return gradient;
    }

    public int fanIn() {
        return fanIn;
    }

    public int fanOut() {
        return fanOut;
    }

    /** A frozen parameter keeps its value: optimizers, regularizers and clippers skip it. */
    public boolean frozen() {
        return frozen.get();
    }

    public void setFrozen(boolean frozen) {
        this.frozen.set(frozen);
    }

    /**
     * The same parameter under another name (a composite layer names its parts' parameters
     * {@code norm.weight}): same tensors, and the frozen flag is shared both ways.
     */
    public Parameter renamed(String newName) {
        return new Parameter(newName, role, value, gradient, fanIn, fanOut, frozen);
    }

    @Override
    public String toString() {
        return name + "[" + value.rows() + "x" + value.cols() + "]";
    }
}
