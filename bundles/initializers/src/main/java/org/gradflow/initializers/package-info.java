/**
 * Weight initializers, one DS component per file: {@code uniform}, {@code xavier-uniform},
 * {@code xavier-normal}, {@code he-uniform}, {@code he-normal}, {@code normal}, {@code lecun-normal},
 * {@code orthogonal}, {@code identity}. Private: the core finds them through the
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
 *     the forward pass ({@code he-*}, {@code lecun-normal}, and {@code uniform} up to its factor 1/3);</li>
 * <li><b>fan-out</b> scaling, {@code Var[w] = gain^2 / fanOut}, would preserve the variance of gradients
 *     on the backward pass;</li>
 * <li>Glorot &amp; Bengio's compromise ({@code xavier-*}) uses their average,
 *     {@code Var[w] = gain^2 * 2 / (fanIn + fanOut)}.</li>
 * </ul>
 * {@code normal} ignores the fans ({@code Var[w] = std^2}): the baseline that shows the problem.
 * Matching the variance controls the average: a random Gaussian matrix still stretches some directions
 * and shrinks others, and in a deep stack those spread further apart. {@code orthogonal} removes the
 * spread (every singular value equals the gain, Saxe et al. 2014), and {@code identity} is the
 * deterministic extreme of the same idea (Le et al. 2015).
 *
 * <h2>The gain: what the activation after the layer does to the variance</h2>
 * Every initializer here but {@code normal} (whose {@code std} is absolute) takes {@code gain}, which
 * multiplies its standard deviation (its bound; for {@code orthogonal} and {@code identity}, every
 * singular value).
 * Choose it for the activation that follows the layer (the same table as PyTorch's
 * {@code torch.nn.init.calculate_gain}):
 * <table>
 * <caption>Recommended gain per activation</caption>
 * <tr><th>activation</th><th>gain</th><th>why</th></tr>
 * <tr><td>linear (none), sigmoid</td><td>1</td><td>identity; sigmoid by convention</td></tr>
 * <tr><td>tanh</td><td>5/3</td><td>tanh shrinks unit-variance inputs; 5/3 restores the scale</td></tr>
 * <tr><td>relu</td><td>sqrt(2)</td><td>ReLU zeroes half the inputs, halving the second moment</td></tr>
 * <tr><td>leaky-relu, slope s</td><td>sqrt(2 / (1 + s^2))</td><td>the negative half keeps s^2 of it</td></tr>
 * <tr><td>selu</td><td>3/4</td><td>PyTorch's table, for the fan-in initializers</td></tr>
 * </table>
 * For {@code selu}'s self-normalization, though, Klambauer et al. assume {@code Var[w] = 1 / fanIn}:
 * use {@code lecun-normal} with its default gain 1.
 * {@code xavier-*} default to gain 1 (Glorot &amp; Bengio derived it for tanh/softsign in their linear
 * regime), {@code he-*} to sqrt(2) (He et al. derived it for ReLU), {@code uniform}, {@code lecun-normal},
 * {@code orthogonal} and {@code identity} to 1.
 *
 * <p>References: Glorot &amp; Bengio, "Understanding the difficulty of training deep feedforward neural
 * networks", AISTATS 2010; He, Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers: Surpassing
 * Human-Level Performance on ImageNet Classification", ICCV 2015; LeCun, Bottou, Orr &amp; M&uuml;ller,
 * "Efficient BackProp", 1998; Saxe, McClelland &amp; Ganguli, "Exact solutions to the nonlinear dynamics
 * of learning in deep linear neural networks", ICLR 2014; Le, Jaitly &amp; Hinton, "A Simple Way to
 * Initialize Recurrent Networks of Rectified Linear Units", 2015.
 *
 * <p>To add an initializer: one class here, and one entry (its distribution, scale parameter and
 * variance formula) in the test table {@code InitializerCases}.
 */
package org.gradflow.initializers;
