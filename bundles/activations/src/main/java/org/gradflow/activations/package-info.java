/**
 * The basic activation functions, one DS component per file: {@code sigmoid}, {@code tanh},
 * {@code relu}. Private: nothing imports this package; the core finds the functions through the
 * service registry by their {@code gradflow.component.name}.
 *
 * <p>Why they matter for gradient flow: back-propagation multiplies one {@code f'} per layer. Sigmoid's
 * derivative is at most 1/4 and tanh's at most 1, both tending to 0 when the unit saturates, so deep
 * sigmoid and tanh stacks lose gradient geometrically with depth. ReLU's derivative is exactly 1 for
 * every active unit, which is why it is the first remedy users try.
 *
 * <p>To add a function: one class here implementing {@code Activation} and {@code ActivationFunction},
 * annotated like {@link org.gradflow.activations.Relu}, and one entry in the test table
 * ({@code ActivationCases}).
 */
package org.gradflow.activations;
