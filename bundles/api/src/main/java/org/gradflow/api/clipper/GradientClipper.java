package org.gradflow.api.clipper;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A gradient clipper: the service kind {@code gradient-clipper}, chosen with {@code clipper=<name>},
 * parameters under {@code clipper.<param>}.
 */
@ConsumerType
public interface GradientClipper extends Component {
    /** The per-run rule with these (validated) parameters. */
    ClippingRule create(Settings settings);
}
