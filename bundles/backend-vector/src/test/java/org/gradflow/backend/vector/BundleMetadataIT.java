package org.gradflow.backend.vector;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.BeforeClass;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What bnd generated into the bundle jar: the symbolic name, no exports, the (optional) import of the
 * Vector API package and consumer-range API imports, and the two DS descriptors: the backend, disabled,
 * ranked 100, named {@code vector}; and the immediate probe that enables it.
 */
public class BundleMetadataIT {
    private static Attributes manifest;
    private static final Map<String, Document> components = new HashMap<>();

    @BeforeClass
    public static void readJar() throws Exception {
        String path = System.getProperty("bundle.jar");
        assertNotNull("system property bundle.jar is not set", path);
        try (JarFile jar = new JarFile(path)) {
            manifest = jar.getManifest().getMainAttributes();
            for (String descriptor : clauses(manifest.getValue("Service-Component"))) {
                assertNotNull(descriptor + " listed in Service-Component but missing", jar.getJarEntry(descriptor));
                try (InputStream in = jar.getInputStream(jar.getJarEntry(descriptor))) {
                    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                    factory.setNamespaceAware(true);
                    Document doc = factory.newDocumentBuilder().parse(in);
                    components.put(doc.getDocumentElement().getAttribute("name"), doc);
                }
            }
        }
    }

    @Test
    public void symbolicNameAndNoExports() {
        assertEquals("org.gradflow.backend.vector", manifest.getValue("Bundle-SymbolicName"));
        assertNull("a provider bundle exports nothing", manifest.getValue("Export-Package"));
    }

    @Test
    public void importsTheVectorApiOptionallyAndTheApiInTheConsumerRange() {
        List<String> imports = clauses(manifest.getValue("Import-Package"));
        assertTrue("imports jdk.incubator.vector, optionally: " + imports,
                imports.contains("jdk.incubator.vector;resolution:=optional"));
        for (String clause : imports) {
            if (clause.startsWith("org.gradflow.")) {
                assertTrue("imports only the API and the shared scalar kernels: " + clause,
                        clause.startsWith("org.gradflow.api.") || clause.startsWith("org.gradflow.kernels;"));
                assertTrue("consumer range [1.m,2): " + clause, clause.matches(".*;version=\"\\[1\\.\\d+,2\\)\""));
            }
        }
        assertTrue("imports the tensor SPI: " + imports, imports.stream().anyMatch(c -> c.startsWith("org.gradflow.api.tensor;")));
        assertTrue("imports ComponentContext's package: " + imports,
                imports.stream().anyMatch(c -> c.startsWith("org.osgi.service.component;")));
        assertTrue("requires the DS extender",
                manifest.getValue("Require-Capability").contains("osgi.extender=osgi.component"));
    }

    @Test
    public void theBackendComponentIsDisabledRankedAndNamed() {
        Document doc = components.get(VectorBackend.COMPONENT_NAME);
        assertNotNull("no DS descriptor for " + VectorBackend.COMPONENT_NAME + ": " + components.keySet(), doc);
        Element component = doc.getDocumentElement();
        assertEquals("disabled until VectorApiProbe enables it", "false", component.getAttribute("enabled"));
        assertEquals(VectorBackend.PID, component.getAttribute("configuration-pid"));
        assertEquals("constructor injection of the configuration", "1", component.getAttribute("init"));
        assertEquals("org.gradflow.backend.vector.VectorBackend", implementation(doc));
        Element provide = (Element) doc.getElementsByTagName("provide").item(0);
        assertNotNull("provides a service", provide);
        assertEquals("org.gradflow.api.tensor.ComputeBackend", provide.getAttribute("interface"));
        Map<String, String> props = properties(doc);
        assertEquals("vector", props.get("gradflow.component.name"));
        assertEquals("Integer:100", props.get("service.ranking"));
        // text, parsed by the backend itself so that a typo gets its message (configuredThreads)
        assertEquals("0", props.get("threads"));
    }

    @Test
    public void theProbeIsImmediateAndProvidesNothing() {
        Document doc = components.get("org.gradflow.backend.vector.VectorApiProbe");
        assertNotNull("no DS descriptor for the probe: " + components.keySet(), doc);
        Element component = doc.getDocumentElement();
        assertEquals("true", component.getAttribute("immediate"));
        assertEquals("activate", component.getAttribute("activate"));
        assertEquals("deactivate", component.getAttribute("deactivate"));
        assertEquals("not disabled", "", component.getAttribute("enabled"));
        assertEquals(0, doc.getElementsByTagName("provide").getLength());
        assertEquals("two components in all: " + components.keySet(), 2, components.size());
    }

    private static String implementation(Document doc) {
        return ((Element) doc.getElementsByTagName("implementation").item(0)).getAttribute("class");
    }

    /** name to {@code type:value} ({@code String} when the type is left out). */
    private static Map<String, String> properties(Document doc) {
        Map<String, String> out = new HashMap<>();
        NodeList props = doc.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            String type = p.getAttribute("type");
            String value = p.getAttribute("value");
            out.put(p.getAttribute("name"), type.isEmpty() || type.equals("String") ? value : type + ":" + value);
        }
        return out;
    }

    /** Splits a manifest header at commas outside quotes. */
    private static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char ch : header.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }
}
