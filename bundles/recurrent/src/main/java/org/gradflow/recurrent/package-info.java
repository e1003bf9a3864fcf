/**
 * Recurrent architectures trained with back-propagation through time (BPTT): {@code rnn} (Elman),
 * {@code lstm} and {@code gru}, one DS component per file, each stacking one recurrent layer per entry
 * of {@code hidden} and ending in an output layer {@code out}. Private: nothing imports this package;
 * the core finds the architectures through the service registry by their {@code gradflow.component.name}.
 *
 * <p>Shapes: B examples, T steps, F features per step, H hidden units, G gates, K outputs per step. A
 * batch of sequences is {@code [B, T * F]} with step t in columns {@code t*F .. t*F+F-1}; a layer that
 * returns the sequence gives {@code [B, T * H]} laid out the same way, otherwise the last state
 * {@code [B, H]}. Parameters follow PyTorch's {@code nn.RNN/LSTM/GRU}: {@code weight_ih [G*H, F]},
 * {@code weight_hh [G*H, H]}, gate blocks stacked in the order {@code RecurrentLayer.gateNames()} gives.
 *
 * <p>Why gradients vanish or explode here: BPTT multiplies, per step back, by {@code W_hh^T} and the
 * gates' or activation's derivatives, so {@code dL/dh_t} shrinks or grows geometrically with the
 * distance to the loss, as in a network T layers deep that shares one weight matrix (Bengio, Simard
 * &amp; Frasconi 1994; Pascanu, Mikolov &amp; Bengio 2013). The LSTM's additive cell path
 * {@code c_t = f ⊙ c_{t-1} + ...} and the GRU's interpolation {@code h_t = (1-z) ⊙ n + z ⊙ h_{t-1}} carry
 * the gradient back multiplied by a gate instead of a matrix, which is why they learn longer ranges.
 * The layers record {@code ||dL/dh_t||} per step when the core asks ({@code RecurrentLayer}).
 *
 * <p>To add a cell: a {@link org.gradflow.recurrent.SequenceLayer} subclass with its forward step and
 * backward step, and a component like {@link org.gradflow.recurrent.Gru} that builds it with
 * {@link org.gradflow.recurrent.RecurrentStack#build}.
 */
package org.gradflow.recurrent;
