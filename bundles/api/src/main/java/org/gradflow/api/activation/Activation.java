package org.gradflow.api.activation;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An activation function plugin: the service kind {@code activation}. Chosen in a run spec with
 * {@code activation=<name>}, its parameters under {@code activation.<param>}.
 *
 * <p>A function without parameters can implement both this and {@link ActivationFunction} and return
 * itself from {@link #create}.
 */
@ConsumerType
public interface Activation extends Component {
    /** The function with these (validated) parameters. Called once per run and layer. */
    ActivationFunction create(Settings settings);

    /**
     * For an activation with learned parameters (PReLU's slopes): the layer that applies it to
     * {@code units} features, whose parameters are trained like weights. {@code null} (the default)
     * means the activation is the element-wise function from {@link #create}.
     */
    default Layer layer(String name, int units, Settings settings, LayerFactory factory) {
        return null;
    }
}
