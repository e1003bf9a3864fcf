package org.gradflow.api.normalization;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A normalization layer: the service kind {@code normalization}, chosen with
 * {@code normalization=<name>}, parameters under {@code normalization.<param>}.
 */
@ConsumerType
public interface Normalization extends Component {
    /** A normalization layer over {@code features} features (input and output size). */
    Layer create(String name, int features, Settings settings, LayerFactory factory);
}
