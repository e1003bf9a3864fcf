/**
 * The greedy layer-wise pre-trainers, one DS component per file: {@code autoencoder} (plain or
 * denoising, tied or untied decoder) and {@code rbm} (Bernoulli-Bernoulli, CD-k). Private: the core
 * finds them through the service registry by their {@code gradflow.component.name} and calls
 * {@code pretrain} after the network is built and initialized, before fine-tuning.
 *
 * <p>Both share one loop, {@link org.gradflow.pretrainers.Greedy}: every layer but the output layer is
 * trained in turn, input first, on the features passed through the layers below it in evaluation mode;
 * one {@code report(layer, epoch, loss)} per epoch per layer; {@code cancelled()} checked before every
 * batch. Conventions common to both:
 * <ul>
 * <li><b>Dense layers only.</b> A layer to pre-train needs one weight {@code W [out, in]} and a bias
 *     {@code [1, out]} ({@link org.gradflow.pretrainers.DenseParts}); anything else is a
 *     {@code ConfigurationException} naming the layer, checked for all layers before any is trained.</li>
 * <li><b>State.</b> The services are stateless singletons. Per-layer state (decoder, visible bias,
 *     momentum velocities, work tensors) lives in a trainer made for that layer and closed when it is
 *     done; the layer's gradients are left at 0.</li>
 * <li><b>Frozen parameters</b> keep their values; the others move by SGD with momentum
 *     ({@link org.gradflow.pretrainers.MomentumSgd}).</li>
 * <li><b>Randomness</b> (shuffling, masking noise, Bernoulli samples, the untied decoder's start)
 *     comes only from the run's generator, in a fixed order, so a run with the same seed pre-trains the
 *     same weights on the same backend.</li>
 * <li><b>Math</b> goes through the backend, except the RBM's Bernoulli sampling and the range check of
 *     its inputs, which read the probabilities back to the host (documented in
 *     {@link org.gradflow.pretrainers.RbmTrainer}).</li>
 * </ul>
 */
package org.gradflow.pretrainers;
