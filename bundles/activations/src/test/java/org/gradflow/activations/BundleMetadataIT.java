package org.gradflow.activations;

import java.util.Map;
import java.util.TreeMap;

import org.gradflow.testkit.ProviderBundleCheck;
import org.junit.Test;

/** The bundle jar's metadata: every component of the test table, and nothing else, as a DS service. */
public class BundleMetadataIT {
    @Test
    public void manifestAndComponents() throws Exception {
        Map<String, String> byClass = new TreeMap<>();
        for (ActivationCase c : ActivationCases.ALL) {
            byClass.put(c.activation().getClass().getName(), c.name());
        }
        ProviderBundleCheck.verify("org.gradflow.activations", "org.gradflow.api.activation.Activation", byClass);
    }
}
