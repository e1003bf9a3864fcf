package org.gradflow.api.architecture;

import java.util.List;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.osgi.annotation.versioning.ProviderType;

/** What an architecture needs from the run: sizes, the resolved components, and layer building blocks. */
@ProviderType
public interface ModelContext extends LayerFactory {
    /** Features per example of the data set. */
    int inputSize();

    /**
     * Time steps per example: 1 for data that is not a sequence; otherwise the features are
     * {@code [steps, inputSize() / steps]} per example (see {@code Examples.asSequence}).
     */
    default int steps() {
        return 1;
    }

    /**
     * True when the data wants a prediction per time step (many-to-many): the outputs are then
     * {@code [steps, outputSize() / steps]} per example, step t in columns {@code t * (outputSize() / steps) ...}.
     */
    default boolean outputPerStep() {
        return false;
    }

    /** Outputs the loss expects: classes for classification, targets for regression. */
    int outputSize();

    /** Widths of the hidden layers from the spec key {@code hidden} (e.g. {@code 256x8}). */
    List<Integer> hiddenSizes();

    /** The activation for hidden layer {@code index} (1-based): the spec's default or its per-layer override. */
    ActivationFunction hiddenActivation(int index);

    /**
     * Hidden layer {@code index} (1-based) as the run spec describes it, named {@code fc<index>}: a
     * dense layer {@code in -> out}, then the run's normalization (if any) and activation in the order
     * {@code normalization.position} gives, with per-layer overrides applied. Its parameters are the
     * dense layer's {@code weight} and {@code bias}, then {@code norm.*} and {@code act.*}.
     */
    Layer hidden(int index, int in, int out);

    /**
     * The run's activation for hidden layer {@code index} as a layer of its own over {@code features}
     * (learned parameters included, e.g. PReLU's slopes), for architectures that place it themselves.
     */
    Layer activation(int index, String name, int features);

    /**
     * The run's normalization for hidden layer {@code index} as a layer over {@code features}, or
     * {@code null} when the spec asks for none on that layer.
     */
    Layer normalization(int index, String name, int features);

    /** This architecture's validated parameters. */
    Settings settings();
}
