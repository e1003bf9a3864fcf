/**
 * The normalization layers, one DS component per file: {@code batch-norm} and {@code layer-norm}.
 * Private: the core finds them through the service registry by their {@code gradflow.component.name},
 * chosen with {@code normalization=<name>}, parameters under {@code normalization.<param>}.
 *
 * <p>Both components are stateless singletons; {@code create} returns a {@link NormLayer} that owns
 * every tensor of one run (parameters, running statistics, per-batch-size work buffers). Conventions:
 * <ul>
 * <li><b>Shapes.</b> x, y, xhat, gx are {@code [B, C]}; the scale {@code weight} (gamma) and shift
 *     {@code bias} (beta) are {@code [1, C]}, both {@code SELF_INITIALIZED} to 1 and 0, so a fresh
 *     layer outputs xhat. Batch statistics are {@code [1, C]}, per-example ones {@code [B, 1]}.</li>
 * <li><b>Gradients.</b> {@code backward} adds into the parameter gradients and returns the input
 *     gradient through the last <em>training</em> forward; an evaluation forward in between does not
 *     disturb it (it has its own buffers).</li>
 * <li><b>All math on the backend</b>: {@code normalize}, {@code normalizeWith}, {@code normalizeBackward},
 *     {@code scaleShift}, {@code scaleShiftBackward}, {@code axpby}.</li>
 * </ul>
 */
package org.gradflow.normalization;
