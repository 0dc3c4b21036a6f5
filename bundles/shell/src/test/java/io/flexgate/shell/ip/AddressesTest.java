package io.flexgate.shell.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

    /** RFC 5952 section 4: leading zeros dropped, the longest zero run as "::", lower case, IPv4 as is. */
    @Test
    void canonicalText() throws Exception {
        assertThat(Addresses.text(InetAddress.getByName("2001:0db8:0:0:0:0:0:10"))).isEqualTo("2001:db8::10");
        assertThat(Addresses.text(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Addresses.text(InetAddress.getByName("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Addresses.text(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(Addresses.text(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(Addresses.text(InetAddress.getByName("fe80::"))).isEqualTo("fe80::");
        assertThat(Addresses.text(InetAddress.getByName("2001:DB8::ABCD"))).isEqualTo("2001:db8::abcd");
        assertThat(Addresses.text(InetAddress.getByName("192.168.10.5"))).isEqualTo("192.168.10.5");
    }
}
