/**
 * Architectures: the service kind {@code architecture}, which turns a run spec into a stack of layers.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.architecture;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
