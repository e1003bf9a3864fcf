package org.gradflow.sample.mish;

import java.util.Map;

import org.gradflow.testkit.ProviderBundleCheck;
import org.junit.Test;

/** The bundle jar's metadata: the mish activation as a DS service, nothing exported. */
public class BundleMetadataIT {
    @Test
    public void manifestAndComponents() throws Exception {
        ProviderBundleCheck.verify("org.gradflow.sample.mish", "org.gradflow.api.activation.Activation",
                Map.of(Mish.class.getName(), "mish"));
    }
}
