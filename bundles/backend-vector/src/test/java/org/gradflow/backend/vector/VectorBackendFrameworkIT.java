package org.gradflow.backend.vector;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * The backend in a real framework (Felix 7 with SCR), in a JVM started with
 * {@code --add-modules jdk.incubator.vector}: the probe enables the backend, and a {@code ComputeBackend}
 * named {@code vector}, ranked 100, appears, works, goes away with the bundle and comes back with it.
 */
public class VectorBackendFrameworkIT {
    /** As the launcher will configure it: the package exported from the system bundle. */
    @Test
    public void theBackendIsRegisteredWhenTheVectorApiIsThere() throws Exception {
        try (FrameworkHarness fw = new FrameworkHarness("exported", "jdk.incubator.vector")) {
            fw.await("the vector backend service", () -> fw.backend() != null);
            ServiceReference<?> ref = fw.backend();
            assertEquals(100, ref.getProperty(Constants.SERVICE_RANKING));
            BundleContext context = fw.context();
            Object backend = context.getService(ref);
            assertNotNull("SCR activated the backend", backend);
            assertEquals("[FLOAT64, FLOAT32]", backend.getClass().getMethod("precisions").invoke(backend).toString());
            assertEquals("vector backend", backend.toString());
            context.ungetService(ref);
            assertFalse("no warning: " + fw.log(), fw.log().contains("vector backend not registered"));

            Bundle bundle = fw.bundle();
            bundle.stop();
            assertNull("the service goes away with the bundle", fw.backend());
            bundle.start();
            fw.await("the vector backend service after a restart", () -> fw.backend() != null);
        }
    }

    /**
     * Felix 7 exports the packages of every module in the boot layer from the system bundle, so with
     * {@code --add-modules} the backend registers even without
     * {@code org.osgi.framework.system.packages.extra} (a framework that lists system packages
     * statically needs the property).
     */
    @Test
    public void onFelixTheJvmFlagAloneIsEnough() throws Exception {
        try (FrameworkHarness fw = new FrameworkHarness("boot-layer", null)) {
            fw.await("the vector backend service", () -> fw.backend() != null);
        }
    }
}
