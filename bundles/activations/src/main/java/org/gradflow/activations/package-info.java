/**
 * The activation functions, one DS component per file: {@code sigmoid}, {@code tanh}, {@code relu},
 * {@code softsign}, {@code hard-tanh}, {@code leaky-relu}, {@code elu}, {@code selu}, {@code gelu},
 * {@code silu}, {@code softplus}, {@code prelu} (learned slopes, via its own layer). Private: nothing imports this package; the core finds the functions
 * through the service registry by their {@code gradflow.component.name}.
 *
 * <p>Why they matter for gradient flow: back-propagation multiplies one {@code f'} per layer. Sigmoid's
 * derivative is at most 1/4 and tanh's at most 1, both tending to 0 when the unit saturates, so deep
 * sigmoid and tanh stacks lose gradient geometrically with depth. {@code softsign} saturates like tanh
 * but polynomially, so its gradient fades more slowly; {@code hard-tanh} passes the gradient unchanged
 * inside {@code [min, max]} and none outside. ReLU's derivative is exactly 1 for every active unit, which
 * is why it is the first remedy users try; a unit whose input stays negative passes nothing, which
 * {@code leaky-relu} ({@code f' = slope}), {@code elu} ({@code f' = alpha e^x}) and the smooth
 * {@code softplus}, {@code gelu} and {@code silu} avoid. {@code selu} with {@code lecun-normal} weights
 * keeps activations near mean 0 and variance 1 through depth (self-normalization), the most direct
 * answer to both vanishing and exploding.
 *
 * <p>Conventions: at a kink the derivative is the one-sided value each class documents (PyTorch's
 * choice); NaN inputs give NaN values and derivatives; infinite inputs give the limits, never NaN.
 * {@code gelu} needs erf, which Java lacks: {@code Erf} is this package's own implementation
 * (series and continued fraction, relative error below 1e-14).
 *
 * <p>To add a function: one class here implementing {@code Activation} (and {@code ActivationFunction}
 * when it has no parameters), annotated like {@link org.gradflow.activations.Relu}, parameters declared
 * once as {@code ParameterSpec}s like {@link org.gradflow.activations.LeakyRelu}, and one entry in the
 * test table ({@code ActivationCases}).
 */
package org.gradflow.activations;
