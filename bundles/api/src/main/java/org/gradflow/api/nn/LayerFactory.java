package org.gradflow.api.nn;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.osgi.annotation.versioning.ProviderType;

/** Building blocks the core provides to architectures and other layer-making components. */
@ProviderType
public interface LayerFactory {
    /** The run's backend; layers allocate their tensors here. */
    ComputeBackend backend();

    /** The run's precision. */
    Precision precision();

    /**
     * A fully connected layer {@code y = f(x W^T + b)}, {@code W} of shape {@code [out, in]}.
     *
     * @param activation {@code f}, or {@code null} for none (an output layer producing logits)
     */
    Layer dense(String name, int in, int out, ActivationFunction activation);
}
