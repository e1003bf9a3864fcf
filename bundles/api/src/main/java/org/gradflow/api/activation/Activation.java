package org.gradflow.api.activation;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.Settings;
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
}
