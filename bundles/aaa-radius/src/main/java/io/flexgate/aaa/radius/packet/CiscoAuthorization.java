package io.flexgate.aaa.radius.packet;

import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization an Access-Accept carries, as IOS FlexVPN reads it: Framed-IP-Address,
 * Framed-IP-Netmask, Framed-Pool (RFC 2865 section 5.8-5.9, RFC 2869 section 5.18) and the Cisco-AVPairs
 * {@code ipsec:dns-servers}, {@code ipsec:route-set=prefix}, {@code ipsec:default-domain},
 * {@code ipsec:banner}, {@code ipsec:addr-pool}, {@code ipsec:split-dns}. Unknown AV pairs are logged at
 * DEBUG and ignored (IOS ignores optional pairs it does not know; {@code *} marks optional, {@code =}
 * mandatory, both are accepted here).
 */
public final class CiscoAuthorization {

    /** Framed-IP-Address 255.255.255.254: "the NAS selects an address" (RFC 2865 section 5.8). */
    private static final int NAS_SELECTS = 0xfffffffe;
    /** Framed-IP-Address 255.255.255.255: "the user may select" — nothing to assign here. */
    private static final int USER_SELECTS = 0xffffffff;
    /** Most DNS servers and split routes kept from one accept. */
    public static final int MAX_LIST = 32;
    private static final Pattern SPACES = Pattern.compile("[\\s,]+");
    private static final Logger LOG = LoggerFactory.getLogger(CiscoAuthorization.class);

    private CiscoAuthorization() {
    }

    /** The attributes of an Access-Accept; malformed values make the whole answer malformed. */
    public static AuthorizationAttributes from(RadiusPacket accept) throws RadiusFormatException {
        Optional<InetAddress> framed = Optional.empty();
        Optional<RadiusAttribute> ip = accept.attribute(RadiusAttributeType.FRAMED_IP_ADDRESS);
        if (ip.isPresent()) {
            long v = ip.get().asInteger();
            if (v != (NAS_SELECTS & 0xffffffffL) && v != (USER_SELECTS & 0xffffffffL)) {
                framed = Optional.of(ip.get().asAddress());
            }
        }
        Optional<InetAddress> netmask = Optional.empty();
        Optional<RadiusAttribute> mask = accept.attribute(RadiusAttributeType.FRAMED_IP_NETMASK);
        if (mask.isPresent()) {
            netmask = Optional.of(mask.get().asAddress());
        }
        Optional<String> pool = accept.text(RadiusAttributeType.FRAMED_POOL);
        List<InetAddress> dns = new ArrayList<>();
        List<IpPrefix> routes = new ArrayList<>();
        List<String> splitDns = new ArrayList<>();
        Optional<String> domain = Optional.empty();
        Optional<String> banner = Optional.empty();
        for (VendorAttribute pair : accept.vendorAttributes(VendorAttribute.CISCO, VendorAttribute.CISCO_AVPAIR)) {
            String text = pair.asText();
            int sep = separator(text);
            if (sep < 0 || !text.startsWith("ipsec:")) {
                LOG.debug("Cisco-AVPair ignored: {}", text);
                continue;
            }
            String name = text.substring("ipsec:".length(), sep).strip().toLowerCase(Locale.ROOT);
            String value = text.substring(sep + 1).strip();
            switch (name) {
                case "dns-servers" -> {
                    for (String a : SPACES.split(value)) {
                        addBounded(dns, literal(a, text));
                    }
                }
                case "route-set" -> {
                    Optional<IpPrefix> route = routeSet(value, text);
                    if (route.isPresent()) {
                        addBounded(routes, route.get());
                    }
                }
                case "split-dns" -> addBounded(splitDns, value);
                case "default-domain" -> domain = Optional.of(value);
                case "banner" -> banner = Optional.of(value);
                case "addr-pool" -> pool = pool.or(() -> Optional.of(value));
                default -> LOG.debug("Cisco-AVPair ignored: {}", text);
            }
        }
        return new AuthorizationAttributes(pool, framed, netmask, dns, domain, banner, routes, splitDns, List.of());
    }

    private static <T> void addBounded(List<T> list, T value) throws RadiusFormatException {
        if (list.size() == MAX_LIST) {
            throw new RadiusFormatException("more than " + MAX_LIST + " values of one Cisco-AVPair");
        }
        list.add(value);
    }

    private static int separator(String text) {
        int eq = text.indexOf('=');
        int star = text.indexOf('*');
        return eq < 0 ? star : star < 0 ? eq : Math.min(eq, star);
    }

    /** {@code prefix 10.0.0.0/8} or {@code prefix 10.0.0.0 255.0.0.0}; {@code interface} is not a route. */
    private static Optional<IpPrefix> routeSet(String value, String pair) throws RadiusFormatException {
        String[] words = SPACES.split(value);
        if (!"prefix".equalsIgnoreCase(words[0])) {
            LOG.debug("Cisco-AVPair route-set other than prefix ignored: {}", pair);
            return Optional.empty();
        }
        if (words.length < 2 || words.length > 3) {
            throw new RadiusFormatException("bad route in Cisco-AVPair '" + pair + "'");
        }
        try {
            return Optional.of(IpPrefix.parse(words.length == 2 ? words[1] : words[1] + " " + words[2]));
        } catch (IllegalArgumentException e) {
            throw new RadiusFormatException("bad route in Cisco-AVPair '" + pair + "': " + e.getMessage());
        }
    }

    /** An IP literal only: a name would make the answer depend on DNS. */
    private static InetAddress literal(String text, String pair) throws RadiusFormatException {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new RadiusFormatException("not an IP address in Cisco-AVPair '" + pair + "'");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new RadiusFormatException("not an IP address in Cisco-AVPair '" + pair + "'");
        }
    }
}
