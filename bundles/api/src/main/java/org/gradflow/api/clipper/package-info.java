/**
 * Gradient clippers: the service kind {@code gradient-clipper}.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.clipper;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
