package org.gradflow.backend.vector;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.osgi.framework.Bundle;

/**
 * The backend in a real framework (Felix 7 with SCR) in a JVM started <em>without</em>
 * {@code --add-modules jdk.incubator.vector} (failsafe's second execution): the bundle resolves and starts
 * (its import of the package is optional), no backend is registered, and one warning says how to enable
 * the Vector API. The ojalgo backend, if installed, stays the one a run gets.
 */
public class VectorApiMissingFrameworkIT {
    @Test
    public void thisJvmHasNoVectorApi() {
        assertTrue("this IT must run without --add-modules jdk.incubator.vector",
                ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty());
    }

    /** The launcher's configuration, on a JVM started without the flag: the export names a missing package. */
    @Test
    public void nothingIsRegisteredAndOneLineSaysHowToEnableIt() throws Exception {
        check("exported-but-missing", "jdk.incubator.vector");
    }

    /** Neither the flag nor the export: the optional import stays unwired. */
    @Test
    public void withoutTheExportEither() throws Exception {
        check("not-exported", null);
    }

    private static void check(String name, String extraExport) throws Exception {
        try (FrameworkHarness fw = new FrameworkHarness(name, extraExport)) {
            fw.await("the probe's warning", () -> fw.log().contains("vector backend not registered"));
            String log = fw.log();
            assertTrue("says what to put on the JVM: " + log, log.contains("--add-modules jdk.incubator.vector"));
            assertTrue("says what to set in the framework: " + log,
                    log.contains("org.osgi.framework.system.packages.extra=jdk.incubator.vector"));
            assertEquals("one line: " + log, 1, log.lines().filter(l -> l.contains("vector backend not registered")).count());
            assertEquals("the bundle resolves and starts (optional import)", Bundle.ACTIVE, fw.bundle().getState());
            Thread.sleep(500); // enabling is asynchronous: give a wrongly enabled component time to show
            assertNull("no backend is registered", fw.backend());
        }
    }
}
