package io.flexgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.dataplane.DataPlaneException;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.esp.UserspaceEspDataPlane;
import io.flexgate.ikev2.crypto.ChildSaKeys;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.initiator.ChildSa;
import io.flexgate.ikev2.initiator.TunnelParameters;
import io.flexgate.tun.memory.MemoryTunDevice;
import io.flexgate.tun.memory.MemoryTunFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's data path against the headend's own data plane over loopback UDP, both on in-memory TUN devices:
 * what the client's kernel would route into the tunnel arrives decrypted on the headend's side and back (RFC 4303
 * tunnel mode in UDP, RFC 3948), across a CHILD_SA rekey, and closing removes the device.
 */
class ClientTunnelTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress CLIENT = address("192.168.10.5");
    private static final InetAddress SERVER = address("10.0.1.1");
    private static final IpPrefix SPLIT = IpPrefix.parse("10.0.0.0/8");
    /** AES-GCM-16 with a 256-bit key: 32 octets and the 4-octet salt (RFC 4106 section 8.1). */
    private static final int GCM_256_KEY_OCTETS = 36;

    private final SecureRandom random = new SecureRandom();
    private final MemoryTunFactory clientTuns = new MemoryTunFactory();
    private final MemoryTunFactory headendTuns = new MemoryTunFactory();
    private DatagramChannel headendSocket;
    private UserspaceEspDataPlane headend;
    private UdpClientTransport transport;
    private ClientTunnel tunnel;
    private Thread headendReader;

    @BeforeEach
    void headendSide() throws Exception {
        headendSocket = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        headend = UserspaceEspDataPlane.embedded(ClientTunnel.config("(tun.kind=memory)"), headendTuns);
        headend.bindTransport((packet, local, remote) -> send(packet, remote));
        headendReader = new Thread(this::headendReadLoop, "test-headend-udp");
        headendReader.setDaemon(true);
        headendReader.start();
        transport = new UdpClientTransport(headendAddress(), headendAddress().getPort(), d -> { });
    }

    @AfterEach
    void stop() throws Exception {
        if (tunnel != null) {
            tunnel.close();
        }
        transport.close();
        headendSocket.close();
        headendReader.join(WAIT.toMillis());
        headend.close();
    }

    @Test
    void packetsRoutedIntoTheTunnelArriveDecryptedAtTheHeadendAndRepliesComeBack() throws Exception {
        ChildSa child = child(0x1000_0001, 0x2000_0001);
        MemoryTunDevice clientTun = connect(child);
        MemoryTunDevice headendTun = headendTuns.device("vt100").orElseThrow();
        assertThat(clientTun.routes()).containsExactly(SPLIT);

        byte[] echo = ipv4(CLIENT, SERVER, 1);
        assertThat(clientTun.inject(echo)).isTrue();
        assertThat(headendTun.takeWritten(WAIT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(echo));

        byte[] reply = ipv4(SERVER, CLIENT, 2);
        assertThat(headendTun.inject(reply)).isTrue();
        assertThat(clientTun.takeWritten(WAIT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(reply));

        ChildSaCounters c = tunnel.counters();
        assertThat(c.packetsEncrypted()).isEqualTo(1);
        assertThat(c.packetsDecrypted()).isEqualTo(1);
        assertThat(c.bytesDecrypted()).isEqualTo(reply.length);
        assertThat(headend.counters(child.outboundSpi()).orElseThrow().packetsDecrypted()).isEqualTo(1);
    }

    @Test
    void afterTheHeadendRekeysTrafficUsesTheNewChildSaAndTotalsCarryOver() throws Exception {
        ChildSa old = child(0x1000_0001, 0x2000_0001);
        MemoryTunDevice clientTun = connect(old);
        MemoryTunDevice headendTun = headendTuns.device("vt100").orElseThrow();
        clientTun.inject(ipv4(CLIENT, SERVER, 1));
        assertThat(headendTun.takeWritten(WAIT)).isPresent();

        // The headend's rekey: the new pair beside the old one, then the old one deleted (RFC 7296 section 1.3.3).
        ChildSa fresh = rekeyedByHeadend(0x1000_0002, 0x2000_0002);
        installAtHeadend(fresh);
        tunnel.added(fresh);
        headend.remove(old.outboundSpi());
        tunnel.removed(old);

        byte[] echo = ipv4(CLIENT, SERVER, 2);
        clientTun.inject(echo);
        assertThat(headendTun.takeWritten(WAIT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(echo));
        assertThat(headend.counters(fresh.outboundSpi()).orElseThrow().packetsDecrypted()).isEqualTo(1);
        byte[] reply = ipv4(SERVER, CLIENT, 3);
        headendTun.inject(reply);
        assertThat(clientTun.takeWritten(WAIT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(reply));
        assertThat(tunnel.counters().packetsEncrypted()).as("one packet on each CHILD_SA").isEqualTo(2);
        assertThat(clientTun.routes()).as("the route stays across the rekey").containsExactly(SPLIT);
    }

    @Test
    void withoutSplitNetworksAllOfIpv4IsRoutedIntoTheTunnel() throws Exception {
        ChildSa child = child(0x1000_0001, 0x2000_0001);
        tunnel = ClientTunnel.open(parameters(List.of(), child), "fgc0", clientTuns, transport);

        assertThat(clientTuns.device("fgc0").orElseThrow().routes()).containsExactly(IpPrefix.parse("0.0.0.0/1"),
                IpPrefix.parse("128.0.0.0/1"));
    }

    @Test
    void closingRemovesTheDeviceAndTheChildSa() throws Exception {
        ChildSa child = child(0x1000_0001, 0x2000_0001);
        tunnel = ClientTunnel.open(parameters(List.of(SPLIT), child), "fgc0", clientTuns, transport);
        MemoryTunDevice clientTun = clientTuns.device("fgc0").orElseThrow();

        tunnel.close();
        tunnel.close();

        assertThat(clientTun.isClosed()).isTrue();
        assertThat(clientTuns.device("fgc0")).isEmpty();
    }

    @Test
    void noAssignedAddressIsAClearErrorAndNoDevice() {
        ChildSa child = child(0x1000_0001, 0x2000_0001);
        TunnelParameters none = new TunnelParameters(Optional.empty(), Optional.empty(), List.of(), List.of(SPLIT),
                Optional.empty(), Optional.empty(), child, transport.local(), headendAddress(), true);

        assertThatThrownBy(() -> ClientTunnel.open(none, "fgc0", clientTuns, transport))
                .isInstanceOf(DataPlaneException.class).hasMessageContaining("assigned no address");
        assertThat(clientTuns.device("fgc0")).isEmpty();
    }

    /** The CHILD_SA at the headend, then the client's tunnel with the split network; the client's device. */
    private MemoryTunDevice connect(ChildSa child) throws DataPlaneException {
        installAtHeadend(child);
        tunnel = ClientTunnel.open(parameters(List.of(SPLIT), child), "fgc0", clientTuns, transport);
        return clientTuns.device("fgc0").orElseThrow();
    }

    // ---- the headend's side ----

    private void installAtHeadend(ChildSa c) throws DataPlaneException {
        headend.install(new ChildSaSpec(1, "Virtual-Template100", "Virtual-Access1", c.outboundSpi(), c.inboundSpi(),
                c.encryption().value(), c.keyBits(), c.integrity().value(), c.esn(), c.outboundEncryptionKey(),
                c.outboundIntegrityKey(), c.inboundEncryptionKey(), c.inboundIntegrityKey(), headendAddress(),
                transport.local(), true, List.of(SPLIT), List.of(IpPrefix.host(CLIENT)),
                ChildSaSpec.Lifetime.IOS_DEFAULT, ClientTunnel.REPLAY_WINDOW), new DataPlane.ChildSaEvents() {
                    @Override
                    public void softExpired(int inboundSpi) {
                        // not part of these tests
                    }

                    @Override
                    public void hardExpired(int inboundSpi) {
                        // not part of these tests
                    }
                });
    }

    private void headendReadLoop() {
        ByteBuffer in = ByteBuffer.allocate(UdpClientTransport.MAX_DATAGRAM);
        while (headendSocket.isOpen()) {
            try {
                in.clear();
                InetSocketAddress from = (InetSocketAddress) headendSocket.receive(in);
                in.flip();
                if (in.remaining() >= 4 && in.getInt(0) != 0) {
                    headend.receiveEncapsulated(in, from, headendAddress());
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean send(ByteBuffer packet, InetSocketAddress to) {
        try {
            return headendSocket.send(packet, to) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private InetSocketAddress headendAddress() {
        try {
            return (InetSocketAddress) headendSocket.getLocalAddress();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- fixtures ----

    private TunnelParameters parameters(List<IpPrefix> split, ChildSa child) {
        return new TunnelParameters(Optional.of(CLIENT), Optional.empty(), List.of(SERVER), split, Optional.empty(),
                Optional.empty(), child, transport.local(), headendAddress(), true);
    }

    private ChildSa child(int inbound, int outbound) {
        return new ChildSa(inbound, outbound, EncrAlgorithm.ENCR_AES_GCM_16, 256, IntegAlgorithm.NONE, false, keys(),
                List.of(IpPrefix.host(CLIENT)), List.of(SPLIT), true);
    }

    private ChildSa rekeyedByHeadend(int inbound, int outbound) {
        return new ChildSa(inbound, outbound, EncrAlgorithm.ENCR_AES_GCM_16, 256, IntegAlgorithm.NONE, false, keys(),
                List.of(IpPrefix.host(CLIENT)), List.of(SPLIT), false);
    }

    private ChildSaKeys keys() {
        return new ChildSaKeys(randomKey(), Secret.copyOf(new byte[0]), randomKey(), Secret.copyOf(new byte[0]));
    }

    private Secret randomKey() {
        byte[] k = new byte[GCM_256_KEY_OCTETS];
        random.nextBytes(k);
        return Secret.copyOf(k);
    }

    /** An IPv4 header (RFC 791) with 8 octets of ICMP echo after it; {@code id} tells packets apart. */
    private static byte[] ipv4(InetAddress from, InetAddress to, int id) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 28).putShort((short) id).putShort((short) 0)
                .put((byte) 64).put((byte) 1).putShort((short) 0).put(from.getAddress()).put(to.getAddress());
        b.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) 1).putShort((short) id);
        return b.array();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
