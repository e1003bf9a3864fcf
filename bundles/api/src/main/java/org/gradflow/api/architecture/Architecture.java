package org.gradflow.api.architecture;

import java.util.List;

import org.gradflow.api.component.Component;
import org.gradflow.api.nn.Layer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An architecture: the service kind {@code architecture}, chosen with {@code architecture=<name>},
 * parameters under {@code architecture.<param>}. It turns the run spec into a stack of layers, applied
 * in order; the last layer produces the loss's input (logits for classification).
 */
@ConsumerType
public interface Architecture extends Component {
    /** Builds the layers. The core initializes their parameters afterwards (see {@code Parameter.Role}). */
    List<Layer> build(ModelContext context);
}
