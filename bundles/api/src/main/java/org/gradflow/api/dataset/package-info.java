/**
 * Data sets: the service kind {@code dataset}, and the in-memory examples it loads.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.dataset;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
