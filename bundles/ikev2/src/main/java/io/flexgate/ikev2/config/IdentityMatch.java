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
 * Specificity orders matches when several profiles match one identity, best match first as IOS chooses among
 * overlapping profiles: an exact identity beats a domain, a domain beats an address range, and {@code any}
 * comes last; between two domains the longer one (more labels: {@code gtc.radius.example} before
 * {@code radius.example}) wins, between two address ranges the longer prefix.
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

    /**
     * Higher is more specific: {@link #TIER} times the kind of statement (exact 4, domain 2, address range 1,
     * any 0) plus, within domains and ranges, the domain's label count or the prefix length.
     */
    int specificity();

    /** Spacing of the kinds of statement in {@link #specificity()}: above any label count or prefix length. */
    int TIER = 1000;
    int EXACT = 4 * TIER;
    int DOMAIN = 2 * TIER;
    int RANGE = TIER;

    /** The statement as IOS writes it after {@code match identity remote}. */
    String text();

    record KeyId(String value) implements IdentityMatch {
        @Override
        public boolean matches(int idType, String identity) {
            return (idType == ID_KEY_ID || idType == ID_ANYCONNECT) && value.equals(identity);
        }

        @Override
        public int specificity() {
            return EXACT;
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
            return domain ? DOMAIN + labels(name) : EXACT;
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
            return domain ? DOMAIN + labels(address) : EXACT;
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
            return RANGE + prefix.length(); // a range of addresses: below names, above any
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
                    return new Address(addressPrefix(s.substring(kind.length()).trim()));
                default:
                    break;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("match identity remote " + s + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("match identity remote " + s
                + ": expected any | key-id VALUE | fqdn [domain] NAME | email [domain] NAME | address PREFIX");
    }

    /**
     * {@code A MASK} with a netmask, as IOS writes this statement ({@code 0.0.0.0 0.0.0.0} is every IPv4
     * address, {@code A 255.255.255.255} one host), or {@code A/LEN}, or a host address. Not the ACL wildcard
     * reading of {@link IpPrefix#parse}, which would turn a host's all-ones mask into every address.
     */
    private static IpPrefix addressPrefix(String text) {
        String[] w = text.split("\\s+");
        if (w.length != 2) {
            return IpPrefix.parse(text);
        }
        byte[] mask = IpPrefix.parse(w[1]).network().getAddress();
        int length = 0;
        while (length < mask.length * 8 && (mask[length / 8] & (0x80 >>> (length % 8))) != 0) {
            length++;
        }
        for (int i = length; i < mask.length * 8; i++) {
            if ((mask[i / 8] & (0x80 >>> (i % 8))) != 0) {
                throw new IllegalArgumentException("'" + w[1] + "' is not a netmask");
            }
        }
        return new IpPrefix(IpPrefix.parse(w[0]).network(), length);
    }

    /** Labels of a domain name: {@code radius.example.test} has 3. */
    private static int labels(String domain) {
        return (int) domain.chars().filter(c -> c == '.').count() + 1;
    }

    private static boolean nameMatches(String id, String name, boolean domain) {
        if (!domain) {
            return id.equals(name);
        }
        return id.equals(name) || id.endsWith("." + name);
    }
}
