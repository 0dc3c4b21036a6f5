package io.flexgate.eap.anyconnect.xml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a UTF-8 document through the JDK's StAX writer, which escapes text and attribute values; values
 * are never concatenated into markup. Characters that XML 1.0 cannot carry at all (NUL, most C0 controls,
 * unpaired surrogates) are refused with {@link IllegalArgumentException}, because escaping cannot fix them.
 * One document per instance; not thread-safe.
 */
public final class XmlWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final XMLStreamWriter writer;

    public XmlWriter() {
        try {
            writer = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            writer.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JDK StAX writer cannot start a document", e);
        }
    }

    public XmlWriter start(String name) {
        return call(() -> writer.writeStartElement(name));
    }

    public XmlWriter attribute(String name, String value) {
        requireXmlChars(value);
        return call(() -> writer.writeAttribute(name, value));
    }

    public XmlWriter text(String value) {
        return text(value.toCharArray());
    }

    /**
     * Text from a char array, so a password need not become a {@code String}; the caller wipes it. A
     * carriage return goes out as {@code &#13;}: a literal one would come back as a line feed (W3C XML 1.0
     * section 2.11), and the password would no longer match.
     */
    public XmlWriter text(char[] value) {
        requireXmlChars(java.nio.CharBuffer.wrap(value));
        int start = 0;
        for (int i = 0; i <= value.length; i++) {
            if (i == value.length || value[i] == '\r') {
                int from = start;
                int length = i - start;
                call(() -> writer.writeCharacters(value, from, length));
                if (i < value.length) {
                    call(() -> writer.writeEntityRef("#13"));
                }
                start = i + 1;
            }
        }
        return this;
    }

    public XmlWriter end() {
        return call(writer::writeEndElement);
    }

    /** {@code <name>value</name>}. */
    public XmlWriter element(String name, String value) {
        return start(name).text(value).end();
    }

    /** {@code <name/>}. */
    public XmlWriter empty(String name) {
        return call(() -> writer.writeEmptyElement(name));
    }

    /** Closes open elements and returns the document. */
    public byte[] toBytes() {
        call(writer::writeEndDocument);
        call(writer::flush);
        return out.toByteArray();
    }

    /**
     * Throws when {@code value} holds a character outside XML 1.0's {@code Char} production
     * (W3C XML 1.0 section 2.2).
     */
    public static void requireXmlChars(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            boolean ok = pair || c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD);
            if (pair) {
                i++;
            } else if (!ok) {
                throw new IllegalArgumentException("character U+" + String.format("%04X", (int) c)
                        + " at index " + i + " cannot appear in XML");
            }
        }
    }

    private interface StaxCall {
        void run() throws XMLStreamException;
    }

    private XmlWriter call(StaxCall call) {
        try {
            call.run();
        } catch (XMLStreamException e) {
            // the writer writes into memory: this is a programming error (an end() too many), not input
            throw new IllegalStateException("XML writer: " + e.getMessage(), e);
        }
        return this;
    }
}
