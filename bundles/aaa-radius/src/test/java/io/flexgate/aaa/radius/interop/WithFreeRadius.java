package io.flexgate.aaa.radius.interop;

import io.flexgate.aaa.radius.client.RadiusClient;
import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.aaa.radius.client.RadiusServer;
import io.flexgate.api.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One private FreeRADIUS and one client socket per test class; skipped when FreeRADIUS cannot run here. */
abstract class WithFreeRadius {

    static FreeRadius radius;
    static RadiusClient client;

    @BeforeAll
    static void startFreeRadius() throws Exception {
        FreeRadius.assumeAvailable();
        radius = new FreeRadius();
        client = new RadiusClient("it", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256,
                Clock.systemUTC(), new SecureRandom());
    }

    @AfterAll
    static void stopFreeRadius() {
        if (client != null) {
            client.close();
        }
        if (radius != null) {
            radius.close();
        }
    }

    static RadiusServer server(String name, InetSocketAddress auth, InetSocketAddress acct, Duration timeout) {
        return new RadiusServer(name, auth, acct, Secret.copyOf(FreeRadius.SECRET.getBytes(StandardCharsets.UTF_8)),
                timeout, 1, Duration.ZERO);
    }

    /** The FreeRADIUS of this class. */
    static RadiusServer live() {
        return server("freeradius", radius.auth(), radius.acct(), Duration.ofSeconds(3));
    }

    /** A loopback port nobody listens on: a server that is down. */
    static RadiusServer down() throws Exception {
        InetSocketAddress nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), FreeRadius.freePorts()[0]);
        return server("down", nowhere, nowhere, Duration.ofMillis(150));
    }

    static RadiusGroup group(RadiusServer... servers) {
        return new RadiusGroup("it", client, () -> List.of(servers), "flexgate-it",
                Secret.copyOf("cisco".getBytes(StandardCharsets.US_ASCII)), Clock.systemUTC());
    }
}
