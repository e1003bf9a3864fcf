/**
 * Scalar kernels and argument checks shared by the array-backed compute backends (ojalgo, vector): the row-wise and
 * reduction loops that neither backend speeds up with its own machinery. A library, not a provider:
 * it registers no service.
 */
@Export
@Version("1.1.0")
package org.gradflow.kernels;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
