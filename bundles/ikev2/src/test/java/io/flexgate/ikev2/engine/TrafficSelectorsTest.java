package io.flexgate.ikev2.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.net.IpPrefix;
import io.flexgate.ikev2.message.TrafficSelectorPayload;
import io.flexgate.ikev2.message.TrafficSelectorPayload.TrafficSelector;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Traffic selector narrowing as the responder does it (RFC 7296 section 2.9). */
class TrafficSelectorsTest {

    private static TrafficSelectorPayload ts(String start, String end) throws Exception {
        return new TrafficSelectorPayload(false, List.of(TrafficSelector.range(InetAddress.getByName(start),
                InetAddress.getByName(end))));
    }

    private static List<IpPrefix> prefixes(String... p) {
        return java.util.Arrays.stream(p).map(IpPrefix::parse).toList();
    }

    @Test
    void peerAskingForEverythingGetsOurSplitNetworks() throws Exception {
        // strongSwan's remote_ts = 0.0.0.0/0 against split tunnel 10.0.0.0/8 (the seed's ikev2-auth-policy).
        assertThat(SessionSetup.narrow(prefixes("10.0.0.0/8"), ts("0.0.0.0", "255.255.255.255")))
                .containsExactly(IpPrefix.parse("10.0.0.0/8"));
    }

    @Test
    void peerAskingForLessGetsItsOwnRangeInsideOurs() throws Exception {
        assertThat(SessionSetup.narrow(prefixes("10.0.0.0/8", "172.16.0.0/12"), ts("10.0.1.0", "10.0.1.255")))
                .containsExactly(IpPrefix.parse("10.0.1.0/24"));
    }

    @Test
    void disjointRangesNarrowToNothing() throws Exception {
        assertThat(SessionSetup.narrow(prefixes("10.0.0.0/8"), ts("192.168.0.0", "192.168.255.255"))).isEmpty();
    }

    @Test
    void ipv6SelectorsDoNotMatchIpv4Networks() throws Exception {
        assertThat(SessionSetup.narrow(prefixes("10.0.0.0/8"), ts("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")))
                .isEmpty();
    }

    @Test
    void noTsrMeansOurNetworksUnchanged() {
        assertThat(SessionSetup.narrow(prefixes("10.0.0.0/8"), null)).containsExactly(IpPrefix.parse("10.0.0.0/8"));
    }

    @Test
    void rangesThatAreNotPrefixesAreSplitExactly() throws Exception {
        // 10.0.0.1 - 10.0.0.6 = .1/32 .2/31 .4/31 .6/32
        assertThat(SessionSetup.prefixes(ts("10.0.0.1", "10.0.0.6")))
                .containsExactly(IpPrefix.parse("10.0.0.1/32"), IpPrefix.parse("10.0.0.2/31"),
                        IpPrefix.parse("10.0.0.4/31"), IpPrefix.parse("10.0.0.6/32"));
        assertThat(SessionSetup.prefixes(ts("0.0.0.0", "255.255.255.255"))).containsExactly(IpPrefix.parse("0.0.0.0/0"));
        assertThat(SessionSetup.prefixes(null)).isEmpty();
    }

    @Test
    void prefixesRoundTripThroughSelectors() {
        List<IpPrefix> nets = prefixes("10.0.0.0/8", "192.168.10.7/32");

        assertThat(SessionSetup.prefixes(new TrafficSelectorPayload(true, SessionSetup.selectors(nets))))
                .isEqualTo(nets);
    }
}
