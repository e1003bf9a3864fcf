/**
 * The compute backend SPI. Layers, losses and optimizers do all tensor math through {@link org.gradflow.api.tensor.ComputeBackend}; tensors stay on their backend, and only data batches and checkpoints cross to the host.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.tensor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
