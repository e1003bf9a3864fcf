/**
 * Weight initializers, one DS component per file: {@code uniform}, {@code xavier-uniform},
 * {@code xavier-normal}, {@code he-uniform}, {@code he-normal}. Private: the core finds them through the
 * service registry by their {@code gradflow.component.name}. Each fills a weight matrix of shape
 * {@code [fanOut, fanIn]}, row-major, drawing only from the run's seeded {@code Random}, so a run
 * re-created from its recorded seed starts from the same weights.
 *
 * <h2>Why the scale matters</h2>
 * For a layer {@code y = W x} with independent zero-mean weights and inputs, {@code Var[y_i] = fanIn
 * Var[w] Var[x]}: each layer multiplies the forward variance by {@code fanIn Var[w]}. Back-propagation
 * sends {@code dL/dx = W^T dL/dy}, which multiplies the gradient variance by {@code fanOut Var[w]}. Over
 * many layers any factor away from 1 compounds geometrically: weights too small make activations and
 * gradients vanish, too large make them explode. So:
 * <ul>
 * <li><b>fan-in</b> scaling, {@code Var[w] = gain^2 / fanIn}, preserves the variance of activations on
 *     the forward pass ({@code he-*}, and {@code uniform} up to its factor 1/3);</li>
 * <li><b>fan-out</b> scaling, {@code Var[w] = gain^2 / fanOut}, would preserve the variance of gradients
 *     on the backward pass;</li>
 * <li>Glorot &amp; Bengio's compromise ({@code xavier-*}) uses their average,
 *     {@code Var[w] = gain^2 * 2 / (fanIn + fanOut)}.</li>
 * </ul>
 *
 * <h2>The gain: what the activation after the layer does to the variance</h2>
 * Every initializer here takes {@code gain}, which multiplies its standard deviation (and its bound).
 * Choose it for the activation that follows the layer (the same table as PyTorch's
 * {@code torch.nn.init.calculate_gain}):
 * <table>
 * <caption>Recommended gain per activation</caption>
 * <tr><th>activation</th><th>gain</th><th>why</th></tr>
 * <tr><td>linear (none), sigmoid</td><td>1</td><td>identity; sigmoid by convention</td></tr>
 * <tr><td>tanh</td><td>5/3</td><td>tanh shrinks unit-variance inputs; 5/3 restores the scale</td></tr>
 * <tr><td>relu</td><td>sqrt(2)</td><td>ReLU zeroes half the inputs, halving the second moment</td></tr>
 * <tr><td>leaky-relu, slope s</td><td>sqrt(2 / (1 + s^2))</td><td>the negative half keeps s^2 of it</td></tr>
 * <tr><td>selu</td><td>3/4</td><td>self-normalizing; PyTorch's choice</td></tr>
 * </table>
 * {@code xavier-*} default to gain 1 (Glorot &amp; Bengio derived it for tanh/softsign in their linear
 * regime), {@code he-*} to sqrt(2) (He et al. derived it for ReLU), {@code uniform} to 1.
 *
 * <p>References: Glorot &amp; Bengio, "Understanding the difficulty of training deep feedforward neural
 * networks", AISTATS 2010; He, Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers: Surpassing
 * Human-Level Performance on ImageNet Classification", ICCV 2015.
 *
 * <p>To add an initializer: one class here, and one entry (its variance formula and bound) in the
 * test table {@code InitializerCases}.
 */
package org.gradflow.initializers;
