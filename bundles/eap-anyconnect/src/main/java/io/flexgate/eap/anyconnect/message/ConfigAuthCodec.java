package io.flexgate.eap.anyconnect.message;

import io.flexgate.api.Secret;
import io.flexgate.api.anyconnect.AnyConnectPeer.ProfileManifest;
import io.flexgate.eap.anyconnect.xml.HardenedXml;
import io.flexgate.eap.anyconnect.xml.XmlElement;
import io.flexgate.eap.anyconnect.xml.XmlFormatException;
import io.flexgate.eap.anyconnect.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Generates and parses {@link ConfigAuth} documents. Generation goes through {@link XmlWriter} (escaped,
 * never concatenated); parsing through {@link HardenedXml} with the limits below. Element and attribute
 * names are those of anchors.md sections 2.4 and 2.5.
 */
public final class ConfigAuthCodec {

    /** The largest {@code config-auth} document accepted: far above any document of the conversation. */
    public static final int MAX_DOCUMENT_BYTES = 32 * 1024;
    /** The deepest nesting accepted ({@code complete} needs 6: config-auth/config/vpn-profile-manifest/vpn/file/uri). */
    public static final int MAX_DEPTH = 16;
    /** The most elements in one document. */
    public static final int MAX_ELEMENTS = 256;
    /** The most text in one document. */
    public static final int MAX_TEXT_CHARS = 16 * 1024;

    static final HardenedXml.Limits LIMITS = new HardenedXml.Limits(MAX_DOCUMENT_BYTES, MAX_DEPTH, MAX_ELEMENTS,
            MAX_TEXT_CHARS);

    /** Where ASA headends publish profiles; the manifest names the profile file under it. */
    public static final String PROFILE_URI_PREFIX = "/CACHE/stc/profiles/";

    private static final String ROOT = "config-auth";
    private static final String AGGREGATE_AUTH_VERSION = "2";

    private ConfigAuthCodec() {
    }

    /** The UTF-8 document for {@code message}. */
    public static byte[] encode(ConfigAuth message) {
        XmlWriter w = new XmlWriter().start(ROOT).attribute("client", "vpn").attribute("type", message.type())
                .attribute("aggregate-auth-version", AGGREGATE_AUTH_VERSION);
        // Hello and Ack are the header only (anchors.md 2.4: what real headends put in hello is not public)
        if (message instanceof ConfigAuth.Init i) {
            w.start("version").attribute("who", "vpn").text(i.clientVersion()).end();
            w.element("device-id", i.deviceId());
            i.groupSelect().ifPresent(g -> w.element("group-select", g));
            i.groupAccess().ifPresent(g -> w.element("group-access", g));
        } else if (message instanceof ConfigAuth.AuthRequest r) {
            writeAuthRequest(w, r);
        } else if (message instanceof ConfigAuth.AuthReply r) {
            writeAuthReply(w, r);
        } else if (message instanceof ConfigAuth.Complete c) {
            writeComplete(w, c);
        }
        return w.toBytes();
    }

    private static void writeAuthRequest(XmlWriter w, ConfigAuth.AuthRequest r) {
        w.start("auth").attribute("id", "main");
        w.element("message", r.message());
        r.banner().ifPresent(b -> w.element("banner", b));
        r.error().ifPresent(e -> w.start("error").attribute("id", "auth").text(e).end());
        w.start("form").attribute("method", "post").attribute("action", "/auth");
        for (ConfigAuth.FormInput input : r.inputs()) {
            w.start("input").attribute("type", input.type()).attribute("name", input.name())
                    .attribute("label", input.label()).end();
        }
        if (!r.groups().isEmpty()) {
            w.start("select").attribute("name", "group_list").attribute("label", "GROUP:");
            r.groups().forEach(g -> w.element("option", g));
            w.end();
        }
        w.end().end();
    }

    private static void writeAuthReply(XmlWriter w, ConfigAuth.AuthReply r) {
        // anchors.md 2.4 message 4: session-id and session-token go back empty
        w.start("session-id").end().start("session-token").end();
        w.start("auth").element("username", r.username()).start("password");
        char[] password = r.password().chars();
        try {
            w.text(password);
        } finally {
            Arrays.fill(password, '\0');
        }
        w.end().end();
        r.groupSelect().ifPresent(g -> w.element("group-select", g));
    }

    private static void writeComplete(XmlWriter w, ConfigAuth.Complete c) {
        w.element("session-id", c.sessionId());
        w.start("session-token");
        char[] token = c.sessionToken().chars();
        try {
            w.text(token);
        } finally {
            Arrays.fill(token, '\0');
        }
        w.end();
        w.start("auth").attribute("id", "success").start("message").attribute("id", "0")
                .attribute("param1", "").attribute("param2", "").end().end();
        w.start("capabilities").element("crypto-supported", "ssl-dhe").end();
        w.start("config").attribute("client", "vpn").attribute("type", "private");
        c.profile().ifPresent(p -> w.start("vpn-profile-manifest").start("vpn").attribute("rev", "1.0")
                .start("file").attribute("type", "profile").attribute("service-type", "user")
                .element("uri", p.uri())
                .start("hash").attribute("type", "sha1").text(p.sha1Hex()).end()
                .end().end().end());
        w.end();
    }

    /**
     * The problem as the JDK parser words it quotes the document ({@code XML version "..." is not supported});
     * a client's document can hold its password, and the reason ends up in the log. Our own limit messages
     * carry no quotes and go on; so does the DOCTYPE refusal, as a fixed phrase; anything else quoting input
     * becomes "not well-formed".
     */
    private static String withoutQuotedInput(XmlFormatException e) {
        String problem = e.problem();
        if (problem.contains("DOCTYPE is disallowed")) {
            problem = "DOCTYPE is disallowed";
        } else if (problem.indexOf('"') >= 0 || problem.indexOf('\'') >= 0) {
            problem = "not well-formed";
        }
        return e.line() > 0 ? "line " + e.line() + ", column " + e.column() + ": " + problem : problem;
    }

    /**
     * Parses one document.
     *
     * @throws MalformedMessageException when it is not well-formed, breaks a limit, is not a
     *                                   {@code config-auth} document, has an unknown type, lacks an element its
     *                                   type needs, or carries a top-level {@code <error>}
     */
    public static ConfigAuth decode(byte[] document) throws MalformedMessageException {
        XmlElement root;
        try {
            root = HardenedXml.parse(document, LIMITS);
        } catch (XmlFormatException e) {
            // Not chained: the parser's message may quote the document, and the document may hold the password.
            throw new MalformedMessageException("config-auth XML rejected: " + withoutQuotedInput(e));
        }
        if (!root.name().equals(ROOT)) {
            throw new MalformedMessageException("root element is <" + root.name() + ">, not <" + ROOT + ">");
        }
        Optional<String> error = root.childText("error");
        if (error.isPresent()) {
            // anchors.md 2.4: an <error> child of config-auth ends the conversation
            throw new MalformedMessageException("the peer reported an error: " + LogText.printable(error.get()));
        }
        String type = root.attribute("type")
                .orElseThrow(() -> new MalformedMessageException("<config-auth> has no type attribute"));
        return switch (type) {
            case "hello" -> new ConfigAuth.Hello();
            case "init" -> new ConfigAuth.Init(
                    root.childText("version").orElseThrow(() -> missing(type, "version")),
                    root.childText("device-id").orElse(""),
                    root.childText("group-access"), root.childText("group-select"));
            case "auth-request" -> readAuthRequest(root);
            case "auth-reply" -> readAuthReply(root);
            case "complete" -> readComplete(root);
            case "ack" -> new ConfigAuth.Ack();
            default -> throw new MalformedMessageException("unknown config-auth type '" + LogText.printable(type) + "'");
        };
    }

    private static ConfigAuth.AuthRequest readAuthRequest(XmlElement root) throws MalformedMessageException {
        XmlElement auth = root.child("auth").orElseThrow(() -> missing("auth-request", "auth"));
        List<ConfigAuth.FormInput> inputs = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        Optional<XmlElement> form = auth.child("form");
        if (form.isPresent()) {
            for (XmlElement input : form.get().children("input")) {
                inputs.add(new ConfigAuth.FormInput(input.attribute("type").orElse("text"),
                        input.attribute("name").orElse(""), input.attribute("label").orElse("")));
            }
            for (XmlElement select : form.get().children("select")) {
                if ("group_list".equals(select.attribute("name").orElse(""))) {
                    select.children("option").forEach(o -> groups.add(o.trimmedText()));
                }
            }
        }
        return new ConfigAuth.AuthRequest(auth.childText("message").orElse(""), auth.childText("banner"),
                auth.childText("error"), inputs, groups);
    }

    private static ConfigAuth.AuthReply readAuthReply(XmlElement root) throws MalformedMessageException {
        XmlElement auth = root.child("auth").orElseThrow(() -> missing("auth-reply", "auth"));
        String username = auth.childText("username").orElseThrow(() -> missing("auth-reply", "username"));
        // the password is taken as sent: leading or trailing blanks may be part of it
        String password = auth.child("password").map(XmlElement::text)
                .orElseThrow(() -> missing("auth-reply", "password"));
        return new ConfigAuth.AuthReply(username, Secret.copyOf(password.getBytes(StandardCharsets.UTF_8)),
                root.childText("group-select"));
    }

    private static ConfigAuth.Complete readComplete(XmlElement root) throws MalformedMessageException {
        String sessionId = root.childText("session-id").orElseThrow(() -> missing("complete", "session-id"));
        String token = root.childText("session-token").orElse("");
        Optional<ProfileManifest> profile = root.child("config")
                .flatMap(c -> c.child("vpn-profile-manifest"))
                .flatMap(m -> m.child("vpn"))
                .flatMap(v -> v.children("file").stream()
                        .filter(f -> "profile".equals(f.attribute("type").orElse("")))
                        .findFirst())
                .flatMap(f -> f.childText("uri").flatMap(uri -> f.childText("hash")
                        .map(hash -> new ProfileManifest(uri, hash))));
        return new ConfigAuth.Complete(sessionId, Secret.copyOf(token.getBytes(StandardCharsets.UTF_8)), profile);
    }

    private static MalformedMessageException missing(String type, String element) {
        return new MalformedMessageException("config-auth '" + type + "' lacks <" + element + ">");
    }
}
