package org.gradflow.api.dataset;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A data set: the service kind {@code dataset}, chosen with {@code dataset=<name>}, parameters under
 * {@code dataset.<param>}. Loads everything into memory once per run.
 */
@ConsumerType
public interface Dataset extends Component {
    /**
     * Loads (or generates) the training and test examples. Generated data must depend only on the
     * settings and {@code seed}.
     *
     * @throws DataException naming the file and position of bad or missing data
     */
    DataSplits load(Settings settings, long seed);
}
