/**
 * Normalization layers: the service kind {@code normalization}.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.normalization;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
