package org.gradflow.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks what bnd generated into a provider bundle's jar: the symbolic name, no exports, API imports
 * with a consumer range of major version 1 ({@code [1.m,2)}, m the API package's minor version when the
 * bundle was built), and one DS descriptor per component of the bundle's test
 * table, registered under the kind's interface with the {@code gradflow.component.name} property.
 */
public final class ProviderBundleCheck {
    private ProviderBundleCheck() {
    }

    /**
     * Checks the bundle jar named by the system property {@code bundle.jar} (set by the bundle's
     * failsafe configuration, so this runs after packaging).
     *
     * @param symbolicName      the expected Bundle-SymbolicName
     * @param service           the kind's interface every DS component must provide
     * @param expectedComponents implementation class name to component name, one entry per component
     *                           of the bundle's test table: a component without an entry fails here
     */
    public static void verify(String symbolicName, String service, Map<String, String> expectedComponents)
            throws Exception {
        String path = System.getProperty("bundle.jar");
        assertNotNull("system property bundle.jar is not set", path);
        try (JarFile jar = new JarFile(path)) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(symbolicName, main.getValue("Bundle-SymbolicName"));
            assertNull("a provider bundle exports nothing", main.getValue("Export-Package"));
            List<String> apiImports = new ArrayList<>();
            for (String clause : clauses(main.getValue("Import-Package"))) {
                if (clause.startsWith("org.gradflow.")) {
                    assertTrue("imports only the API: " + clause, clause.startsWith("org.gradflow.api."));
                    assertTrue("consumer range [1.m,2): " + clause, clause.matches(".*;version=\"\\[1\\.\\d+,2\\)\""));
                    apiImports.add(clause);
                }
            }
            assertTrue("imports the kind's API package: " + apiImports,
                    apiImports.stream().anyMatch(s -> s.startsWith(service.substring(0, service.lastIndexOf('.')) + ";")));
            assertTrue("requires the DS extender", main.getValue("Require-Capability").contains("osgi.extender=osgi.component"));

            Map<String, String> found = new TreeMap<>();
            for (String descriptor : clauses(main.getValue("Service-Component"))) {
                JarEntry entry = jar.getJarEntry(descriptor);
                assertNotNull(descriptor + " listed in Service-Component but missing", entry);
                try (InputStream in = jar.getInputStream(entry)) {
                    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                    factory.setNamespaceAware(true);
                    Document doc = factory.newDocumentBuilder().parse(in);
                    Element impl = (Element) doc.getElementsByTagName("implementation").item(0);
                    Element provide = (Element) doc.getElementsByTagName("provide").item(0);
                    assertEquals(descriptor, service, provide.getAttribute("interface"));
                    String name = null;
                    NodeList props = doc.getElementsByTagName("property");
                    for (int i = 0; i < props.getLength(); i++) {
                        Element p = (Element) props.item(i);
                        if (p.getAttribute("name").equals("gradflow.component.name")) {
                            name = p.getAttribute("value");
                        }
                    }
                    assertNotNull(descriptor + " has no gradflow.component.name", name);
                    found.put(impl.getAttribute("class"), name);
                }
            }
            assertEquals("DS components in the jar vs the test table", new TreeMap<>(expectedComponents), found);
        }
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
