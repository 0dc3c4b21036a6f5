package io.flexgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host route that keeps the headend outside a full tunnel, from what {@code ip route get} prints. */
class HeadendRouteTest {

    @Test
    void routeThroughAGatewayKeepsTheGatewayAndDevice() throws Exception {
        String out = "203.0.113.7 via 192.168.1.1 dev wlan0 src 192.168.1.23 uid 1000 \n    cache ";

        assertThat(HeadendRoute.parse(InetAddress.getByName("203.0.113.7"), out))
                .contains(List.of("203.0.113.7/32", "via", "192.168.1.1", "dev", "wlan0"));
    }

    @Test
    void onLinkHeadendNeedsOnlyTheDevice() throws Exception {
        String out = "198.18.0.1 dev cli0 src 198.18.0.2 uid 0 \n    cache ";

        assertThat(HeadendRoute.parse(InetAddress.getByName("198.18.0.1"), out))
                .contains(List.of("198.18.0.1/32", "dev", "cli0"));
    }

    @Test
    void unreachableHeadendHasNoRoute() throws Exception {
        assertThat(HeadendRoute.parse(InetAddress.getByName("198.18.0.1"), "RTNETLINK answers: Network is unreachable"))
                .isEmpty();
    }
}
