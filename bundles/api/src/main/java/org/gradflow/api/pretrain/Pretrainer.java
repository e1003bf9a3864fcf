package org.gradflow.api.pretrain;

import org.gradflow.api.component.Component;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Greedy layer-wise pre-training: the service kind {@code pretrainer}, chosen with
 * {@code pretrain=<name>}, parameters under {@code pretrain.<param>}. It trains the hidden layers one
 * at a time on unlabelled inputs before the whole network is fine-tuned with back-propagation.
 */
@ConsumerType
public interface Pretrainer extends Component {
    /** Pre-trains {@code context.layers()} in place. Returns early when {@code context.cancelled()}. */
    void pretrain(PretrainContext context);
}
