/**
 * Weight initializers: the service kind {@code initializer}.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.initializer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
