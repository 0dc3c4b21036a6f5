package io.flexgate.ios.config;

import io.flexgate.api.net.IpPrefix;

/** NAT sources as IOS writes them: {@code 192.168.10.0 0.0.0.255}, also from the {@code 192.168.10.0/24} form. */
final class Wildcards {

    private Wildcards() {
    }

    static String addressWildcard(String source) {
        String s = source.trim();
        if (!s.contains("/")) {
            return s;
        }
        IpPrefix p = IpPrefix.parse(s);
        if (!p.isIpv4()) {
            throw new IllegalArgumentException("NAT source " + s + " is not IPv4");
        }
        byte[] mask = p.netmask().getAddress();
        StringBuilder wildcard = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            wildcard.append(i == 0 ? "" : ".").append(~mask[i] & 0xff);
        }
        return p.network().getHostAddress() + " " + wildcard;
    }
}
