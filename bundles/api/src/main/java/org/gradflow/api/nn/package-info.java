/**
 * Layers and their parameters: the forward/backward contract every layer follows.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.nn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
