package io.flexgate.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpPrefixTest {

    @Test
    void normalisesHostBits() throws Exception {
        IpPrefix p = IpPrefix.parse("10.1.2.3/8");
        assertThat(p.toString()).isEqualTo("10.0.0.0/8");
        assertThat(p.contains(InetAddress.getByName("10.255.0.1"))).isTrue();
        assertThat(p.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(p.netmask().getHostAddress()).isEqualTo("255.0.0.0");
        assertThat(p.lastAddress().getHostAddress()).isEqualTo("10.255.255.255");
    }

    @Test
    void readsIosWildcardAndNetmaskForms() {
        assertThat(IpPrefix.parse("10.0.0.0 0.255.255.255")).isEqualTo(IpPrefix.parse("10.0.0.0/8"));
        assertThat(IpPrefix.parse("192.168.10.0 255.255.255.0")).isEqualTo(IpPrefix.parse("192.168.10.0/24"));
        assertThat(IpPrefix.parse("0.0.0.0 255.255.255.255")).isEqualTo(IpPrefix.parse("0.0.0.0/0"));
        assertThat(IpPrefix.parse("10.0.1.1 0.0.0.0").length()).isEqualTo(32);
        assertThat(IpPrefix.parse("2001:db8::1/32").toString()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
    }

    @Test
    void refusesNamesAndBadMasks() {
        assertThatThrownBy(() -> IpPrefix.parse("vpn.example.com")).hasMessageContaining("vpn.example.com");
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0 0.255.0.255")).hasMessageContaining("non-contiguous");
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0")).hasMessageContaining("10.0.0");
    }

    @Test
    void rangeArithmetic() throws Exception {
        IpRange r = new IpRange(InetAddress.getByName("192.168.10.5"), InetAddress.getByName("192.168.10.10"));
        assertThat(r.size()).hasToString("6");
        assertThat(r.addressAt(java.math.BigInteger.valueOf(5)).getHostAddress()).isEqualTo("192.168.10.10");
        assertThat(r.contains(InetAddress.getByName("192.168.10.4"))).isFalse();
        assertThatThrownBy(() -> new IpRange(InetAddress.getByName("10.0.0.9"), InetAddress.getByName("10.0.0.1")))
                .hasMessageContaining("below its start");
    }
}
