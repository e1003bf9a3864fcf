/**
 * The optimizers, one DS component per file: {@code sgd}, {@code momentum}, {@code nesterov},
 * {@code adagrad}, {@code rmsprop}, {@code adadelta}, {@code adam}, {@code adamw}, {@code amsgrad}.
 * Private: the core finds them through the service registry by their {@code gradflow.component.name}.
 *
 * <p>Every optimizer follows one skeleton (after PyTorch's {@code torch.optim}): hyper-parameters
 * declared once as {@code ParameterSpec}s, which validate a run spec with messages that name the key
 * and the allowed range; the service itself is a stateless singleton whose {@code create} returns a
 * fresh {@code UpdateRule}; per-parameter state is made lazily on a parameter's first update by
 * {@link org.gradflow.optimizers.Slots}, on the parameter's own backend and precision, and released by
 * {@code close()}. All tensor math is done by backend operations, so it runs wherever the tensors live.
 *
 * <p>Conventions common to all of them:
 * <ul>
 * <li>A {@linkplain org.gradflow.api.nn.Parameter#frozen() frozen} parameter is skipped entirely: its
 *     value does not change and its state is neither created nor advanced.</li>
 * <li>The learning-rate factor from the schedule multiplies {@code lr}.</li>
 * <li>Step counts used for bias correction are kept per parameter (as PyTorch's {@code state['step']}):
 *     a parameter's {@code t} is the number of updates it has received, so one that is unfrozen late
 *     (fine-tuning after transfer) starts with the full bias correction its zero-initialized moments
 *     need. The trainer's global {@code step} argument is therefore not used.</li>
 * <li>Weight decay is not folded into these optimizers: L1/L2 penalties are regularizer plugins. The
 *     one exception is {@code adamw}, whose decoupled decay is part of the algorithm and is not an L2
 *     penalty (with Adam the two differ).</li>
 * <li>Where the backend SPI lacks an element-wise operation ({@code amsgrad}'s maximum,
 *     {@code adadelta}'s square root) the optimizer composes it from existing operations with scratch
 *     tensors kept in its per-parameter state; its doc says how, and how close that is to the formula.</li>
 * </ul>
 *
 * <p>To add an optimizer: one class here, and one entry (with three hand-computed steps) in the test
 * table {@code OptimizerCases}.
 */
package org.gradflow.optimizers;
