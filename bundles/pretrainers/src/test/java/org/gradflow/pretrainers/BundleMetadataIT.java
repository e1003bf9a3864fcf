package org.gradflow.pretrainers;

import java.util.Map;

import org.gradflow.testkit.ProviderBundleCheck;
import org.junit.Test;

/** The bundle jar's metadata: {@code autoencoder} and {@code rbm}, and nothing else, as DS services. */
public class BundleMetadataIT {
    @Test
    public void manifestAndComponents() throws Exception {
        ProviderBundleCheck.verify("org.gradflow.pretrainers", "org.gradflow.api.pretrain.Pretrainer",
                Map.of(Autoencoder.class.getName(), "autoencoder", Rbm.class.getName(), "rbm"));
    }
}
