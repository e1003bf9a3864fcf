package org.gradflow.api.initializer;

import java.util.Random;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A weight initializer: the service kind {@code initializer}, chosen with {@code initializer=<name>},
 * parameters under {@code initializer.<param>}. Runs on the host once per weight matrix, before
 * training; deterministic given {@code random}.
 */
@ConsumerType
public interface Initializer extends Component {
    /**
     * Fills a weight matrix of shape {@code [fanOut, fanIn]}, row-major, into {@code values}.
     *
     * @param random the run's seeded generator; draw from it only
     */
    void fill(double[] values, int fanOut, int fanIn, Settings settings, Random random);
}
