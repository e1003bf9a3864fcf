package org.gradflow.optimizers;

import java.util.IdentityHashMap;
import java.util.Map;

import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Tensor;

/**
 * The per-parameter state of one run's update rule: for each parameter, {@code count} zero-filled
 * tensors shaped like it (moments), allocated on its first update on {@code p.value().backend()} in
 * {@code p.value().precision()}, and the number of updates it has received. Not thread-safe: an
 * update rule is called from one thread.
 */
final class Slots implements AutoCloseable {

    /** One parameter's state. */
    static final class State {
        final Tensor[] tensors;
        /** Updates applied so far; the rule increments it, so during update number t it is t. */
        long updates;

        State(Tensor[] tensors) {
            this.tensors = tensors;
        }
    }

    private final int count;
    private final Map<Parameter, State> states = new IdentityHashMap<>();

    Slots(int count) {
        this.count = count;
    }

    /** The parameter's state, created (zero-filled) on first use. */
    State of(Parameter p) {
        return states.computeIfAbsent(p, key -> {
            Tensor value = key.value();
            ComputeBackend backend = value.backend();
            Tensor[] tensors = new Tensor[count];
            for (int i = 0; i < count; i++) {
                tensors[i] = backend.allocate(value.rows(), value.cols(), value.precision());
            }
            return new State(tensors);
        });
    }

    /** Closes every state tensor and forgets all parameters; a later update starts afresh. */
    @Override
    public void close() {
        for (State s : states.values()) {
            for (Tensor t : s.tensors) {
                t.close();
            }
        }
        states.clear();
    }
}
