package org.gradflow.pretrainers;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Tensor;

/**
 * SGD with classical (heavy-ball) momentum over the parameters one layer's pre-training trains, in
 * PyTorch's form: for each parameter {@code w} with gradient {@code g}
 *
 * <pre>
 * 1. v = 0                     (before the first step)
 * 2. v = mu v + g              axpby(1, g, mu, v)
 * 3. w = w - lr v              axpby(-lr, v, 1, w)
 * </pre>
 *
 * so the first step is plain SGD, {@code w - lr g}. A {@linkplain Parameter#frozen() frozen}
 * parameter is skipped (value and velocity stay as they are). Velocities live on the parameter's
 * backend and are released by {@link #close()}. Reference: Polyak, "Some methods of speeding up the
 * convergence of iteration methods", 1964.
 */
final class MomentumSgd implements AutoCloseable {
    private final double lr;
    private final double mu;
    private final List<Parameter> parameters;
    private final Map<Parameter, Tensor> velocity = new IdentityHashMap<>();

    MomentumSgd(double lr, double mu, List<Parameter> parameters) {
        this.lr = lr;
        this.mu = mu;
        this.parameters = List.copyOf(parameters);
    }

    /** The parameters it updates, in order. */
    List<Parameter> parameters() {
        return parameters;
    }

    /** Sets every parameter's gradient to 0 (frozen ones too: the layer's backward writes them all). */
    void zeroGradients() {
        for (Parameter p : parameters) {
            p.value().backend().fill(p.gradient(), 0);
        }
    }

    /** One update of every parameter that is not frozen, from its current gradient. */
    void step() {
        for (Parameter p : parameters) {
            if (p.frozen()) {
                continue;
            }
            ComputeBackend b = p.value().backend();
            Tensor v = velocity.computeIfAbsent(p,
                    key -> b.allocate(key.value().rows(), key.value().cols(), key.value().precision()));
            b.axpby(1, p.gradient(), mu, v);
            b.axpby(-lr, v, 1, p.value());
        }
    }

    @Override
    public void close() {
        new ArrayList<>(velocity.values()).forEach(Tensor::close);
        velocity.clear();
    }
}
