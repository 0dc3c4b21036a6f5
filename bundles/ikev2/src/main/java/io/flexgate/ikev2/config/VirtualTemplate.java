package io.flexgate.ikev2.config;

import java.net.InetAddress;
import java.util.Optional;

/**
 * {@code interface Virtual-TemplateN type tunnel}: the template each session's Virtual-AccessN is cloned
 * from.
 *
 * @param number             N
 * @param unnumberedAddress  the address of {@code ip unnumbered LoopbackM}
 * @param mtu                {@code ip mtu}
 * @param ipsecProfile       {@code tunnel protection ipsec profile NAME}
 * @param natInside          {@code ip nat inside}
 */
public record VirtualTemplate(int number, Optional<InetAddress> unnumberedAddress, int mtu, String ipsecProfile,
        boolean natInside) {

    /** {@code Virtual-Template100}. */
    public String name() {
        return "Virtual-Template" + number;
    }
}
