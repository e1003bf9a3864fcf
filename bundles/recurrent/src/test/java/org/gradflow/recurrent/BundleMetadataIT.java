package org.gradflow.recurrent;

import java.util.Map;

import org.gradflow.testkit.ProviderBundleCheck;
import org.junit.Test;

/** The bundle jar's metadata: the three architectures, and nothing else, as DS services. */
public class BundleMetadataIT {
    @Test
    public void manifestAndComponents() throws Exception {
        ProviderBundleCheck.verify("org.gradflow.recurrent", "org.gradflow.api.architecture.Architecture", Map.of(
                Rnn.class.getName(), "rnn",
                Lstm.class.getName(), "lstm",
                Gru.class.getName(), "gru"));
    }
}
