package org.gradflow.api.optimizer;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An optimizer plugin: the service kind {@code optimizer}, chosen with {@code optimizer=<name>}, its
 * parameters under {@code optimizer.<param>}. The service is stateless; {@link #create} makes the
 * per-run {@link UpdateRule} that holds the moments.
 */
@ConsumerType
public interface Optimizer extends Component {
    /** A fresh update rule with these (validated) hyper-parameters and no state yet. */
    UpdateRule create(Settings settings);
}
