package org.gradflow.diagnosis;

import java.util.Map;

import org.gradflow.testkit.ProviderBundleCheck;
import org.junit.Test;

/** The bundle jar's metadata: the one component, {@code standard}, as a DS service of kind diagnosis. */
public class BundleMetadataIT {
    @Test
    public void manifestAndComponents() throws Exception {
        ProviderBundleCheck.verify("org.gradflow.diagnosis", "org.gradflow.api.health.Diagnosis",
                Map.of(Standard.class.getName(), "standard"));
    }
}
