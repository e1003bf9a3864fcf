package org.gradflow.normalization;

import java.util.Map;
import java.util.TreeMap;

import org.gradflow.testkit.ProviderBundleCheck;
import org.junit.Test;

/** The bundle jar's metadata: every component of the test table, and nothing else, as a DS service. */
public class BundleMetadataIT {
    @Test
    public void manifestAndComponents() throws Exception {
        Map<String, String> byClass = new TreeMap<>();
        for (NormalizationCase c : NormalizationCases.ALL) {
            byClass.put(c.normalization().getClass().getName(), c.name());
        }
        ProviderBundleCheck.verify("org.gradflow.normalization", "org.gradflow.api.normalization.Normalization",
                byClass);
    }
}
