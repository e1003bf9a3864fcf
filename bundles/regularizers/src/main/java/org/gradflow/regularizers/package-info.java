/**
 * The regularizers, one DS component per file: {@code l2}, {@code l1}, {@code elastic-net},
 * {@code max-norm}, {@code dropout}. Private: the core finds them through the service registry by their
 * {@code gradflow.component.name}. A run may use several at once ({@code regularizers=l2,dropout}),
 * each one's parameters under {@code regularizer.<name>.<param>} ({@code regularizer.dropout.rate=0.2}).
 *
 * <p>Every regularizer follows one skeleton: parameters declared once as {@code ParameterSpec}s; the
 * service is a stateless singleton whose {@code create} returns a {@code RegularizationRule} holding only
 * the validated settings; all tensor math is done by backend operations. Conventions common to all:
 * <ul>
 * <li><b>Weights only.</b> Penalties and constraints act on parameters whose
 *     {@link org.gradflow.api.nn.Parameter#role() role} is {@code WEIGHT}. Biases and
 *     {@code SELF_INITIALIZED} parameters (normalization scales and shifts, an LSTM's forget-gate bias)
 *     are left bit for bit as they were: shrinking a bias toward 0 does not limit the capacity of a
 *     network, and shrinking a normalization scale fights the normalization. This is common practice
 *     (Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i>, 2016, Sec. 7.1; the "no decay" groups of
 *     BERT and timm) but not PyTorch's default: an optimizer's {@code weight_decay} applies to every
 *     parameter it is given unless biases are moved into a parameter group with {@code weight_decay=0}.
 *     {@linkplain org.gradflow.api.nn.Parameter#frozen() Frozen} parameters are skipped as well.</li>
 * <li><b>Penalty and gradient.</b> {@code addPenalty} adds the penalty's gradient into
 *     {@code p.gradient()} (accumulating, like {@code backward}) and returns the penalty's value, which the
 *     core reports separately from the data loss. The core calls it once per step, after
 *     back-propagating the <em>mean</em> loss of the batch, so {@code lambda} is relative to that mean.
 *     A coefficient of 0 turns the term off: nothing is read or written.</li>
 * <li><b>Not weight decay with adaptive optimizers.</b> The penalty's gradient enters before the
 *     optimizer, so {@code l2} is L2 regularization. With plain SGD this equals weight decay
 *     ({@code w <- w - lr (g + lambda w) = (1 - lr lambda) w - lr g}); with Adam and friends the term is
 *     rescaled per element and is not (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization",
 *     ICLR 2019).</li>
 * <li><b>Non-finite weights.</b> A penalty over weights with a NaN is NaN, with an infinity (and no
 *     NaN) {@code +inf}: the value does not hide the problem, and the gradient it adds carries the
 *     non-finite element on to the core's divergence check, which names the layer.</li>
 * <li><b>State.</b> Rules keep no tensors, so their {@code close()} has nothing to do. The layers
 *     {@code dropout} inserts own their buffers; the core closes them with the network.</li>
 * </ul>
 *
 * <p>To add a regularizer: one class here, and one entry (with hand-computed examples) in the test
 * table {@code RegularizerCases}.
 */
package org.gradflow.regularizers;
