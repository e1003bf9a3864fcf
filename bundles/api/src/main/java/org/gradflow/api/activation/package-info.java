/**
 * Activation functions: the service kind {@code activation}.
 */
@Export
@Version("1.1.0")
package org.gradflow.api.activation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
