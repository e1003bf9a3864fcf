/**
 * Gradient health: the statistics the core gathers at each check ({@link HealthSnapshot}) and the
 * service kind {@code diagnosis} ({@link Diagnosis}) that turns them into a {@link Verdict} in plain
 * words, with the installed remedies.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
