package io.flexgate.eap.anyconnect.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses untrusted XML (AnyConnect {@code config-auth} documents from the network, profile files from
 * the operator) with the JDK's own SAX parser, hardened: no DOCTYPE at all (so no DTD, no internal or
 * external entities, no entity expansion), no external resolution of any kind, no XInclude, secure
 * processing on, and the caller's limits on bytes, nesting depth, element count and text enforced while
 * parsing. The parser's own messages come in the JVM's default locale.
 *
 * <p>{@link SAXParserFactory#newDefaultInstance()} is used on purpose: inside Karaf the factory lookup
 * could find another parser whose features differ; the JDK's built-in one honours every feature set here.
 */
public final class HardenedXml {

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";

    /**
     * What a document may contain.
     *
     * @param maxBytes     the largest document accepted, checked before parsing
     * @param maxDepth     the deepest element nesting (the root is depth 1)
     * @param maxElements  the most elements in the whole document
     * @param maxTextChars the most character data in the whole document
     */
    public record Limits(int maxBytes, int maxDepth, int maxElements, int maxTextChars) {
    }

    private HardenedXml() {
    }

    /**
     * Parses {@code document} into its root element.
     *
     * @throws XmlFormatException naming the line and column where the document is broken or a limit
     *                            was reached
     */
    public static XmlElement parse(byte[] document, Limits limits) throws XmlFormatException {
        if (document.length > limits.maxBytes()) {
            throw new XmlFormatException(0, 0, "document of " + document.length + " bytes exceeds the limit of "
                    + limits.maxBytes() + " bytes");
        }
        TreeBuilder builder = new TreeBuilder(limits);
        SAXParser parser = PARSERS.get();
        try {
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.parse(new InputSource(new ByteArrayInputStream(document)), builder);
        } catch (SAXParseException e) {
            throw new XmlFormatException(e.getLineNumber(), e.getColumnNumber(), e.getMessage());
        } catch (SAXException e) {
            throw new XmlFormatException(builder.line(), builder.column(), String.valueOf(e.getMessage()));
        } catch (IOException e) {
            // only the byte array is read; an IOException here is an encoding the parser cannot decode
            throw new XmlFormatException(builder.line(), builder.column(), "unreadable document: " + e.getMessage());
        } finally {
            parser.reset(); // back to the factory's hardened settings; the two properties are set again above
        }
        return builder.root();
    }

    /**
     * One parser per thread, reset after each document: making the factory and parser took most of the time of a
     * small AnyConnect document (the fuzz target ran at about 2,000 documents per second).
     */
    private static final ThreadLocal<SAXParser> PARSERS = ThreadLocal.withInitial(HardenedXml::newParser);

    private static SAXParser newParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            // the JDK parser supports all of the above; failing here means a broken JRE, not bad input
            throw new IllegalStateException("the JDK XML parser refused the hardening settings", e);
        }
    }

    /** Builds the element tree while counting against the limits. */
    private static final class TreeBuilder extends DefaultHandler {

        private final Limits limits;
        private final Deque<Open> open = new ArrayDeque<>();
        private Locator locator;
        private XmlElement root;
        private int elements;
        private int textChars;

        TreeBuilder(Limits limits) {
            this.limits = limits;
        }

        private static final class Open {
            final String name;
            final Map<String, String> attributes;
            final StringBuilder text = new StringBuilder();
            final List<XmlElement> children = new ArrayList<>();
            final int line;
            final int column;

            Open(String name, Map<String, String> attributes, int line, int column) {
                this.name = name;
                this.attributes = attributes;
                this.line = line;
                this.column = column;
            }
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }

        int column() {
            return locator == null ? 0 : locator.getColumnNumber();
        }

        XmlElement root() {
            return root;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (++elements > limits.maxElements()) {
                throw limit("more than " + limits.maxElements() + " elements");
            }
            if (open.size() + 1 > limits.maxDepth()) {
                throw limit("elements nested deeper than " + limits.maxDepth() + " levels");
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < atts.getLength(); i++) {
                attributes.put(atts.getQName(i), atts.getValue(i));
            }
            String name = localName == null || localName.isEmpty() ? qName : localName;
            open.push(new Open(name, attributes, line(), column()));
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            textChars += length;
            if (textChars > limits.maxTextChars()) {
                throw limit("more than " + limits.maxTextChars() + " characters of text");
            }
            Open current = open.peek();
            if (current != null) {
                current.text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Open done = open.pop();
            XmlElement element = new XmlElement(done.name, done.attributes, done.text.toString(), done.children,
                    done.line, done.column);
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().children.add(element);
            }
        }

        /** Nothing is ever fetched: DOCTYPE is refused already, this guards any other path to a resource. */
        @Override
        public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
            throw limit("external resource '" + systemId + "' refused");
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        private SAXParseException limit(String what) {
            return new SAXParseException(what, locator);
        }
    }
}
