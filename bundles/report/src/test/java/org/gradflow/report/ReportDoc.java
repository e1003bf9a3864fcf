package org.gradflow.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** A report parsed as XML (which fails the test unless it is well-formed), with look-ups for the tests. */
final class ReportDoc {
    final Document doc;

    private ReportDoc(Document doc) {
        this.doc = doc;
    }

    static ReportDoc parse(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        var builder = f.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        Document doc = builder.parse(html.toFile());
        assertEquals("http://www.w3.org/1999/xhtml", doc.getDocumentElement().getNamespaceURI());
        return new ReportDoc(doc);
    }

    List<Element> all(String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** The element with this id, or null. */
    Element byId(String id) throws Exception {
        List<Element> found = all("//*[@id='" + id + "']");
        return found.isEmpty() ? null : found.get(0);
    }

    String text(String id) throws Exception {
        Element e = byId(id);
        assertNotNull("no element with id " + id, e);
        return e.getTextContent();
    }

    /** The names of the charts: every svg's data-chart attribute, in document order. */
    List<String> charts() throws Exception {
        return all("//*[local-name()='svg']").stream().map(e -> e.getAttribute("data-chart")).toList();
    }

    /** The chart's JSON data block, parsed; fails unless the svg and the block sit in one figure. */
    @SuppressWarnings("unchecked")
    Map<String, Object> chart(String name) throws Exception {
        List<Element> svgs = all("//*[local-name()='svg' and @data-chart='" + name + "']");
        assertEquals("svg elements with data-chart=" + name, 1, svgs.size());
        Element script = byId("data-" + name);
        assertNotNull("no data block data-" + name, script);
        assertEquals("application/json", script.getAttribute("type"));
        assertEquals("svg and data share a figure", svgs.get(0).getParentNode(), script.getParentNode());
        Map<String, Object> data = (Map<String, Object>) TestJson.parse(script.getTextContent());
        assertEquals(name, data.get("chart"));
        return data;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json(String id) throws Exception {
        return (Map<String, Object>) TestJson.parse(text(id));
    }
}
