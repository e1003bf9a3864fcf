/**
 * Weight regularizers and constraints: the service kind {@code regularizer}.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.regularizer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
