/**
 * Learning-rate schedules: the service kind {@code learning-rate-schedule}.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.schedule;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
