package org.gradflow.api.pretrain;

import java.util.List;
import java.util.Random;

import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.Examples;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.LayerFactory;
import org.osgi.annotation.versioning.ProviderType;

/** What a pre-trainer gets from the run. */
@ProviderType
public interface PretrainContext extends LayerFactory {
    /** The network's layers, input first; the pre-trainer decides which ones it trains. */
    List<Layer> layers();

    /** Inputs to learn from (labels, if any, must not be used). */
    Examples inputs();

    /** The pre-trainer's validated parameters. */
    Settings settings();

    /** The run's seeded generator. */
    Random random();

    /** True once the user stopped the run. */
    boolean cancelled();

    /** Records one pre-training epoch of one layer in the run's metrics. */
    void report(int layerIndex, int epoch, double reconstructionLoss);
}
