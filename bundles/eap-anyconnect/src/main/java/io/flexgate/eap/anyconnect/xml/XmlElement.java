package io.flexgate.eap.anyconnect.xml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed element: local name, attributes, its own character data and its child elements, and the
 * place where its start tag ends (the SAX locator position), for messages that name a line and column.
 *
 * @param name       the local name
 * @param attributes attribute values by qualified name
 * @param text       the element's own character data, untrimmed
 * @param children   child elements in document order
 */
public record XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children,
        int line, int column) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The first child named {@code childName}. */
    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** All children named {@code childName}, in order. */
    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The trimmed text of the first child named {@code childName}, when present. */
    public Optional<String> childText(String childName) {
        return child(childName).map(XmlElement::trimmedText);
    }

    public Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    public String trimmedText() {
        return text.strip();
    }

    /** Never the text: elements can hold passwords. */
    @Override
    public String toString() {
        return "<" + name + "> at line " + line + ", column " + column + " with " + children.size() + " children";
    }
}
