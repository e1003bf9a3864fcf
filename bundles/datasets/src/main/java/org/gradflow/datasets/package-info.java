/**
 * The data set components, one DS component per file: {@code idx} (MNIST-format files),
 * {@code fashion-mnist} (the Debian package's directory, with a synthetic fallback), {@code csv},
 * {@code synthetic}, and the sequence tasks for recurrent networks: {@code adding-problem},
 * {@code copy-memory} and {@code sequential-fashion-mnist}. Private: nothing imports this package; the core finds the data sets through the
 * service registry by their {@code gradflow.component.name}.
 *
 * <p>A data set reads everything into memory once per run and checks it there, so a run never fails
 * half-way through an epoch on a bad row: every error is a {@code DataException} naming the file and
 * the position (byte, line, column or example) and what to do about it.
 */
package org.gradflow.datasets;
