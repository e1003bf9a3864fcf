/**
 * The gradient clippers, one DS component per file: {@code value}, {@code norm}, {@code global-norm},
 * {@code adaptive}. Private: the core finds them through the service registry by their
 * {@code gradflow.component.name} (run spec {@code clipper=<name>}, parameters {@code clipper.<param>}).
 *
 * <p>Every clipper follows one skeleton: parameters declared once as {@code ParameterSpec}s; the service
 * is a stateless singleton whose {@code create} returns a {@code ClippingRule} holding only the
 * validated settings; all tensor math is done by backend operations. Conventions common to all:
 * <ul>
 * <li>{@code clip} returns the global L2 norm of the gradients it was given, measured before clipping
 *     (as PyTorch's {@code clip_grad_norm_} returns the total norm, so a caller can log it), and
 *     whether it changed any gradient. A gradient that needs no clipping is left bit for bit as it was:
 *     no multiplication by 1.</li>
 * <li>{@linkplain org.gradflow.api.nn.Parameter#frozen() Frozen} parameters in the list are skipped:
 *     neither counted in the norm nor changed.</li>
 * <li>Norms are measured by {@link org.gradflow.clippers.Norms}: exact (to rounding) also where a plain
 *     sum of squares would overflow or underflow, so a huge but finite gradient is scaled, not zeroed.</li>
 * <li><b>Non-finite gradients.</b> If any gradient has a NaN or infinite element (or, for
 *     {@code adaptive}, any weight does), the rule changes nothing and returns
 *     {@code ClipResult(norm, false)} with the non-finite norm: NaN if some element is NaN, else
 *     {@code +inf}. Clipping cannot repair such a step, and must not hide it: PyTorch's
 *     {@code clip_grad_norm_} would scale every gradient by {@code c / inf = 0} (a silent zero step) or
 *     by NaN (poisoning every gradient and losing where the problem began); element-wise clamping would
 *     turn an overflow into a plausible-looking {@code +-c}. Left alone, the non-finite values reach the
 *     weights and the run's divergence check reports the layer they came from (the core checks
 *     gradients before it clips). A joint norm too large for a double counts as infinite.</li>
 * </ul>
 *
 * <p>{@code ClippingRule} has no {@code close()}, so rules keep no tensors between calls: scratch
 * tensors are allocated per call and closed before it returns.
 *
 * <p>To add a clipper: one class here, and one entry (with hand-computed examples) in the test table
 * {@code ClipperCases}.
 */
package org.gradflow.clippers;
