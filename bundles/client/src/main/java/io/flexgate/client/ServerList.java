package io.flexgate.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The {@code ServerList} of an AnyConnect XML client profile (what the headend's {@code crypto vpn anyconnect
 * profile} serves, {@code etc/anyconnect/acvpn.xml} here): one {@link HostEntry} per {@code HostEntry} element,
 * in document order. Parsed without DTDs or external entities; bounded in size and entries.
 */
final class ServerList {

    /** Largest profile read (AnyConnect profiles are a few KB). */
    static final int MAX_PROFILE_BYTES = 1 << 20;
    /** Most host entries taken. */
    static final int MAX_ENTRIES = 256;

    /**
     * One headend of the profile.
     *
     * @param name        {@code HostName}: what the user picks
     * @param address     {@code HostAddress}: where to connect (name or address)
     * @param userGroup   {@code UserGroup}: the tunnel group to ask for
     * @param eapMethod   our method for {@code AuthMethodDuringIKENegotiation} under {@code
     *                    StandardAuthenticationOnly}: EAP-AnyConnect (the default), EAP-MSCHAPv2, EAP-MD5, EAP-GTC
     */
    record HostEntry(String name, String address, Optional<String> userGroup, Optional<String> eapMethod) {
    }

    private ServerList() {
    }

    /** The entries of {@code profile}; empty when it has no ServerList. */
    static List<HostEntry> read(Path profile) throws IOException {
        if (Files.size(profile) > MAX_PROFILE_BYTES) {
            throw new IOException(profile + " is larger than " + MAX_PROFILE_BYTES + " octets: not an AnyConnect profile");
        }
        Document doc;
        try (InputStream in = Files.newInputStream(profile)) {
            doc = parser().parse(in);
        } catch (SAXException | ParserConfigurationException e) {
            // The parser's own words may quote the document; say where only.
            throw new IOException(profile + " is not a well-formed XML profile", e);
        }
        List<HostEntry> entries = new ArrayList<>();
        NodeList hosts = doc.getElementsByTagNameNS("*", "HostEntry");
        for (int i = 0; i < hosts.getLength() && entries.size() < MAX_ENTRIES; i++) {
            Element host = (Element) hosts.item(i);
            Optional<String> address = text(host, "HostAddress");
            if (address.isEmpty()) {
                continue;
            }
            entries.add(new HostEntry(text(host, "HostName").orElse(address.get()), address.get(),
                    text(host, "UserGroup"), text(host, "AuthMethodDuringIKENegotiation").flatMap(ServerList::method)));
        }
        return entries;
    }

    /** The entry named {@code name} (HostName, or HostAddress), or the first when no name is given. */
    static HostEntry pick(List<HostEntry> entries, Optional<String> name, Path profile) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(profile + " has no ServerList/HostEntry with a HostAddress");
        }
        if (name.isEmpty()) {
            return entries.get(0);
        }
        return entries.stream().filter(e -> e.name().equals(name.get()) || e.address().equals(name.get())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host '" + name.get() + "' in " + profile + "; it has: "
                        + String.join(", ", entries.stream().map(HostEntry::name).toList())));
    }

    static Optional<String> method(String authMethod) {
        return switch (authMethod.trim()) {
            case "EAP-AnyConnect" -> Optional.of("anyconnect");
            case "EAP-MSCHAPv2" -> Optional.of("mschapv2");
            case "EAP-MD5" -> Optional.of("md5");
            case "EAP-GTC" -> Optional.of("gtc");
            default -> Optional.empty();
        };
    }

    /** The text directly inside the first descendant element called {@code name}, trimmed. */
    private static Optional<String> text(Element parent, String name) {
        NodeList found = parent.getElementsByTagNameNS("*", name);
        if (found.getLength() == 0) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        NodeList children = found.item(0).getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.TEXT_NODE) {
                b.append(children.item(i).getNodeValue());
            }
        }
        String t = b.toString().trim();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // fatal errors throw; nothing is printed
        return b;
    }
}
