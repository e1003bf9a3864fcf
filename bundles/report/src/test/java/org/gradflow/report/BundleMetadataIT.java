package org.gradflow.report;

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

import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bundle jar bnd made: its name, no exports, imports of the API only (plus OSGi, slf4j and the JDK),
 * and two DS components: the report writer and the listener that needs it. (The testkit's
 * ProviderBundleCheck fits plugin kinds, with a component name and the consumer range on every API import;
 * this bundle provides ReportWriter, a @ProviderType, so bnd rightly imports its package with [1.0,1.1).)
 */
public class BundleMetadataIT {
    @Test
    public void manifestAndComponents() throws Exception {
        String path = System.getProperty("bundle.jar");
        assertNotNull("system property bundle.jar is not set", path);
        try (JarFile jar = new JarFile(path)) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("org.gradflow.report", main.getValue("Bundle-SymbolicName"));
            assertNull("a provider bundle exports nothing", main.getValue("Export-Package"));
            Map<String, String> imports = new TreeMap<>();
            for (String clause : clauses(main.getValue("Import-Package"))) {
                String pkg = clause.split(";")[0];
                assertTrue("imports only the API, OSGi, slf4j and the JDK: " + clause,
                        pkg.startsWith("org.gradflow.api.") || pkg.startsWith("org.osgi.") || pkg.equals("org.slf4j")
                                || pkg.startsWith("java.") || pkg.startsWith("javax."));
                imports.put(pkg, clause);
            }
            assertTrue(imports.toString(), imports.get("org.gradflow.api.report").endsWith(";version=\"[1.0,1.1)\""));
            assertTrue(imports.toString(), imports.get("org.gradflow.api.run").endsWith(";version=\"[1.0,2)\""));
            assertTrue(imports.toString(), imports.get("org.slf4j").endsWith(";version=\"[1.7,3)\""));
            assertTrue("requires the DS extender", main.getValue("Require-Capability").contains("osgi.extender=osgi.component"));

            Map<String, String> provides = new TreeMap<>();
            Map<String, String> references = new TreeMap<>();
            for (String descriptor : clauses(main.getValue("Service-Component"))) {
                JarEntry entry = jar.getJarEntry(descriptor);
                assertNotNull(descriptor + " listed in Service-Component but missing", entry);
                try (InputStream in = jar.getInputStream(entry)) {
                    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                    factory.setNamespaceAware(true);
                    Document doc = factory.newDocumentBuilder().parse(in);
                    String impl = ((Element) doc.getElementsByTagName("implementation").item(0)).getAttribute("class");
                    provides.put(impl, ((Element) doc.getElementsByTagName("provide").item(0)).getAttribute("interface"));
                    NodeList refs = doc.getElementsByTagName("reference");
                    for (int i = 0; i < refs.getLength(); i++) {
                        references.put(impl, ((Element) refs.item(i)).getAttribute("interface"));
                    }
                }
            }
            assertEquals(Map.of(HtmlReportWriter.class.getName(), "org.gradflow.api.report.ReportWriter",
                    ReportOnRunEvents.class.getName(), "org.gradflow.api.run.RunListener"), provides);
            assertEquals(Map.of(ReportOnRunEvents.class.getName(), "org.gradflow.api.report.ReportWriter"), references);
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
