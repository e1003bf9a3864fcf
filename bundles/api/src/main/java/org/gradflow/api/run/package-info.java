/**
 * Runs: the run spec, the run manager the core provides, run listeners, epoch metrics and gradient statistics.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.run;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
