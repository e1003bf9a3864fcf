package org.gradflow.backend.vector;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * For the framework ITs: a Felix framework with SCR, the API, slf4j 1.7 (simple binding, to stderr) and
 * this bundle, all started; stderr captured so that tests can read what was logged. The test sees the
 * backend only through the framework (the API classes on the test class path are another class loader's),
 * so it asks with {@code getAllServiceReferences} and reads properties.
 */
final class FrameworkHarness implements AutoCloseable {
    static final String BACKEND_FILTER =
            "(&(objectClass=org.gradflow.api.tensor.ComputeBackend)(gradflow.component.name=vector))";

    private final Framework framework;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /**
     * @param name        folder of the framework's storage under {@code it.storage}
     * @param extraExport {@code org.osgi.framework.system.packages.extra}, or {@code null}
     */
    FrameworkHarness(String name, String extraExport) throws Exception {
        System.setErr(new PrintStream(new Tee(originalErr, err), true, StandardCharsets.UTF_8));
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, new File(System.getProperty("it.storage"), name).getPath());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        if (extraExport != null) {
            config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, extraExport);
        }
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        File[] jars = new File(System.getProperty("it.bundles")).listFiles((d, n) -> n.endsWith(".jar"));
        assertNotNull("it.bundles", jars);
        List<File> all = new ArrayList<>(Arrays.asList(jars));
        all.add(new File(System.getProperty("bundle.jar")));
        List<Bundle> installed = new ArrayList<>();
        for (File jar : all) {
            installed.add(context().installBundle(jar.toURI().toString()));
        }
        for (Bundle b : installed) {
            try {
                b.start();
            } catch (BundleException e) {
                throw new AssertionError("cannot start " + b.getLocation() + ": " + e.getMessage(), e);
            }
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** The vector backend's service, or {@code null}. */
    ServiceReference<?> backend() {
        try {
            ServiceReference<?>[] refs = context().getAllServiceReferences(null, BACKEND_FILTER);
            return refs == null ? null : refs[0];
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    Bundle bundle() {
        for (Bundle b : context().getBundles()) {
            if ("org.gradflow.backend.vector".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("org.gradflow.backend.vector is not installed");
    }

    /** What was written to stderr since the framework was created. */
    String log() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("waited 20 s for " + what + "; bundles: " + bundles());
            }
            Thread.sleep(20);
        }
    }

    private String bundles() {
        StringBuilder out = new StringBuilder();
        for (Bundle b : context().getBundles()) {
            out.append(b.getSymbolicName()).append(" state ").append(b.getState()).append("; ");
        }
        return out.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } finally {
            System.setErr(originalErr);
        }
    }

    /** Writes to the console and to the captured log. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int c) throws IOException {
            console.write(c);
            synchronized (copy) {
                copy.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            console.write(buf, off, len);
            synchronized (copy) {
                copy.write(buf, off, len);
            }
        }
    }
}
