/**
 * HTML reports of runs and comparisons.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.report;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
