package org.gradflow.api.regularizer;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A weight regularizer or constraint: the service kind {@code regularizer}, chosen with
 * {@code regularizers=<name>[,<name>...]}, each one's parameters under {@code regularizer.<name>.}.
 */
@ConsumerType
public interface Regularizer extends Component {
    /** The per-run rule with these (validated) parameters. */
    RegularizationRule create(Settings settings);
}
