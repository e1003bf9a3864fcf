/**
 * Greedy layer-wise pre-training: the service kind {@code pretrainer}.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.pretrain;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
