/**
 * Optimizers: the service kind {@code optimizer}, and the per-run update rule it creates.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.optimizer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
