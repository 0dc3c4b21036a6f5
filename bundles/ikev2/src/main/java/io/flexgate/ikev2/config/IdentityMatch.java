package io.flexgate.ikev2.config;

import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.util.Locale;

/**
 * One {@code match identity remote ...} statement of an IKEv2 profile, with IOS semantics:
 * <ul>
 *   <li>{@code key-id VALUE}: the peer's ID_KEY_ID (or AnyConnect's private type 201) equals VALUE, byte for
 *       byte ({@code *$AnyConnectClient$*} is a literal, not a wildcard);</li>
 *   <li>{@code fqdn NAME} / {@code fqdn domain DOMAIN}: ID_FQDN equals NAME (case-insensitive), or ends with
 *       DOMAIN on a label boundary;</li>
 *   <li>{@code email USER@DOMAIN} / {@code email domain DOMAIN}: ID_RFC822_ADDR likewise;</li>
 *   <li>{@code address A [MASK]} or {@code address A/LEN}: an ID_IPV4/IPV6_ADDR inside the prefix;</li>
 *   <li>{@code any}: every identity (FlexGate's addition for the standard-client profile).</li>
 * </ul>
 * Specificity orders matches when several profiles match one identity: an exact identity beats a domain,
 * a domain beats an address range, and {@code any} comes last.
 */
public sealed interface IdentityMatch {

    /** ID types (RFC 7296 section 3.5) this class reads. */
    int ID_IPV4_ADDR = 1;
    int ID_FQDN = 2;
    int ID_RFC822_ADDR = 3;
    int ID_IPV6_ADDR = 5;
    int ID_KEY_ID = 11;
    /** AnyConnect's private-use ID type carrying {@code *$AnyConnectClient$*} (anchors.md section 2.1). */
    int ID_ANYCONNECT = 201;

    /** Whether the peer identity (ID type and identification data as text) matches. */
    boolean matches(int idType, String identity);

    /** Higher is more specific. */
    int specificity();

    /** The statement as IOS writes it after {@code match identity remote}. */
    String text();

    record KeyId(String value) implements IdentityMatch {
        @Override
        public boolean matches(int idType, String identity) {
            return (idType == ID_KEY_ID || idType == ID_ANYCONNECT) && value.equals(identity);
        }

        @Override
        public int specificity() {
            return 40;
        }

        @Override
        public String text() {
            return "key-id " + value;
        }
    }

    record Fqdn(String name, boolean domain) implements IdentityMatch {
        @Override
        public boolean matches(int idType, String identity) {
            return idType == ID_FQDN && nameMatches(identity.toLowerCase(Locale.ROOT), name, domain);
        }

        @Override
        public int specificity() {
            return domain ? 20 : 40;
        }

        @Override
        public String text() {
            return "fqdn " + (domain ? "domain " : "") + name;
        }
    }

    record Email(String address, boolean domain) implements IdentityMatch {
        @Override
        public boolean matches(int idType, String identity) {
            if (idType != ID_RFC822_ADDR) {
                return false;
            }
            String id = identity.toLowerCase(Locale.ROOT);
            if (!domain) {
                return id.equals(address);
            }
            int at = id.lastIndexOf('@');
            return at >= 0 && nameMatches(id.substring(at + 1), address, true);
        }

        @Override
        public int specificity() {
            return domain ? 20 : 40;
        }

        @Override
        public String text() {
            return "email " + (domain ? "domain " : "") + address;
        }
    }

    record Address(IpPrefix prefix) implements IdentityMatch {
        @Override
        public boolean matches(int idType, String identity) {
            if (idType != ID_IPV4_ADDR && idType != ID_IPV6_ADDR) {
                return false;
            }
            try {
                return prefix.contains(IpPrefix.parse(identity).network());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public int specificity() {
            return 10; // a range of addresses: below names, above any
        }

        @Override
        public String text() {
            InetAddress n = prefix.network();
            return "address " + n.getHostAddress() + (prefix.isIpv4() ? " " + prefix.netmask().getHostAddress()
                    : "/" + prefix.length());
        }
    }

    record Any() implements IdentityMatch {
        @Override
        public boolean matches(int idType, String identity) {
            return true;
        }

        @Override
        public int specificity() {
            return 0;
        }

        @Override
        public String text() {
            return "any";
        }
    }

    /**
     * Parses the words after {@code match identity remote}.
     *
     * @throws IllegalArgumentException naming the statement and what is wrong with it
     */
    static IdentityMatch parse(String statement) {
        String s = statement.trim();
        String[] w = s.split("\\s+", 3);
        String kind = w[0].toLowerCase(Locale.ROOT);
        try {
            switch (kind) {
                case "any":
                    if (w.length != 1) {
                        break;
                    }
                    return new Any();
                case "key-id":
                    if (w.length < 2) {
                        break;
                    }
                    // The key id is everything after the keyword, spaces included.
                    return new KeyId(s.substring(s.indexOf(w[1], kind.length())));
                case "fqdn":
                case "email":
                    if (w.length < 2) {
                        break;
                    }
                    boolean domain = w[1].equalsIgnoreCase("domain");
                    if (domain != (w.length == 3)) {
                        break;
                    }
                    String value = (domain ? w[2] : w[1]).toLowerCase(Locale.ROOT);
                    return kind.equals("fqdn") ? new Fqdn(value, domain) : new Email(value, domain);
                case "address":
                    if (w.length < 2) {
                        break;
                    }
                    return new Address(IpPrefix.parse(s.substring(kind.length())));
                default:
                    break;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("match identity remote " + s + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("match identity remote " + s
                + ": expected any | key-id VALUE | fqdn [domain] NAME | email [domain] NAME | address PREFIX");
    }

    private static boolean nameMatches(String id, String name, boolean domain) {
        if (!domain) {
            return id.equals(name);
        }
        return id.equals(name) || id.endsWith("." + name);
    }
}
