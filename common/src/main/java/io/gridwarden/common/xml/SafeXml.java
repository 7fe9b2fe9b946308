package io.gridwarden.common.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Parses XML from devices (Hikvision ISAPI) safely: a document with a DOCTYPE is refused outright, so no
 * DTD, no entity of any kind (internal "billion laughs" or external XXE), no XInclude and no external
 * schema is ever read. What remains is plain elements and text, which is all ISAPI messages hold.
 * Element lookups ignore namespaces: cameras send {@code isapi.org}, {@code hikvision.com} or
 * {@code std-cgi.org} namespaces for the same message.
 */
public final class SafeXml {

    private static final DocumentBuilderFactory FACTORY = factory();

    private SafeXml() {}

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a feature gridwarden relies on to refuse DTDs", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(true);
        return f;
    }

    /** The document's root element; throws {@link IllegalArgumentException} naming why it is not acceptable XML. */
    public static Element parse(byte[] xml) {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null); // no printing to stderr: the exception carries the reason
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not read");
            });
            Document document = builder.parse(new ByteArrayInputStream(xml));
            return document.getDocumentElement();
        } catch (SAXException e) {
            String reason = e.getMessage() != null && e.getMessage().contains("DOCTYPE") ? "a DOCTYPE (DTD) is not allowed" : "not well-formed XML";
            throw new IllegalArgumentException(reason, e);
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("not readable XML", e);
        }
    }

    /** The first child element of {@code parent} with this local name, whatever its namespace. */
    public static Optional<Element> child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localNameOf(e))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Every child element of {@code parent} with this local name, in order. */
    public static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localNameOf(e))) {
                found.add(e);
            }
        }
        return found;
    }

    /** The trimmed text of the named child element, if there is one with text. */
    public static Optional<String> text(Element parent, String localName) {
        return child(parent, localName).map(e -> e.getTextContent().trim()).filter(t -> !t.isEmpty());
    }

    public static String localNameOf(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }
}
