package org.gradflow.regularizers;

import java.util.Map;
import java.util.TreeMap;

import org.gradflow.testkit.ProviderBundleCheck;
import org.junit.Test;

/** The bundle jar's metadata: every component of the test table, and nothing else, as a DS service. */
public class BundleMetadataIT {
    @Test
    public void manifestAndComponents() throws Exception {
        Map<String, String> byClass = new TreeMap<>();
        for (RegularizerCase c : RegularizerCases.ALL) {
            byClass.put(c.regularizer().getClass().getName(), c.name());
        }
        ProviderBundleCheck.verify("org.gradflow.regularizers", "org.gradflow.api.regularizer.Regularizer", byClass);
    }
}
