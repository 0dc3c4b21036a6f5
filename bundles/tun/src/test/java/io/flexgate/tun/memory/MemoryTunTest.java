package io.flexgate.tun.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.tun.TunException;
import io.flexgate.api.tun.TunFactory.TunSpec;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryTunTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MemoryTunFactory factory = new MemoryTunFactory();

    private MemoryTunDevice open(String name) throws TunException {
        return factory.open(new TunSpec(name, 1400, Optional.empty(), Optional.empty()));
    }

    @Test
    void packetsWrittenByTheDataPlaneReachTheTest() throws Exception {
        MemoryTunDevice device = open("fg-vt100");
        ByteBuffer packet = ByteBuffer.wrap(new byte[] {0x45, 1, 2, 3});

        device.write(packet);

        assertThat(packet.hasRemaining()).isFalse();
        assertThat(device.takeWritten(WAIT)).hasValueSatisfying(p -> assertThat(p).containsExactly(0x45, 1, 2, 3));
        assertThat(device.takeWritten(Duration.ZERO)).isEmpty();
        assertThat(device.mtu()).isEqualTo(1400);
    }

    @Test
    void injectedPacketsAreReadInOrder() throws Exception {
        MemoryTunDevice device = open("fg-vt100");
        byte[] first = {0x45, 1};
        assertThat(device.inject(first)).isTrue();
        assertThat(device.inject(new byte[] {0x45, 2, 2})).isTrue();
        first[1] = 9;

        ByteBuffer into = ByteBuffer.allocate(2 * 1400);
        assertThat(device.read(into)).isEqualTo(2);
        assertThat(device.read(into)).isEqualTo(3);
        assertThat(into.flip()).isEqualTo(ByteBuffer.wrap(new byte[] {0x45, 1, 0x45, 2, 2}));
    }

    @Test
    void aBlockedReadReturnsMinusOneWhenTheDeviceCloses() throws Exception {
        MemoryTunDevice device = open("fg-vt100");
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return device.read(ByteBuffer.allocate(1400));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        device.close();

        assertThat(read.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(device.read(ByteBuffer.allocate(1400))).isEqualTo(-1);
        assertThat(device.inject(new byte[] {0x45})).isFalse();
        assertThatThrownBy(() -> device.write(ByteBuffer.allocate(20))).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void readBuffersMustHoldAnMtuAndInjectedPacketsFitIt() throws Exception {
        MemoryTunDevice device = open("fg-vt100");
        assertThatThrownBy(() -> device.read(ByteBuffer.allocate(1399))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MTU is 1400");
        assertThatThrownBy(() -> device.inject(new byte[1401])).isInstanceOf(IllegalArgumentException.class);
        assertThat(device.inject(new byte[1400])).isTrue();
        assertThat(device.read(ByteBuffer.allocate(1400))).isEqualTo(1400);
    }

    @Test
    void queuesAreBounded() throws Exception {
        MemoryTunDevice device = open("fg-vt100");
        for (int i = 0; i < MemoryTunDevice.QUEUE_CAPACITY; i++) {
            assertThat(device.inject(new byte[] {0x45})).isTrue();
            device.write(ByteBuffer.wrap(new byte[] {0x45}));
        }

        assertThat(device.inject(new byte[] {0x45})).isFalse();
        device.write(ByteBuffer.wrap(new byte[] {0x45}));
        assertThat(device.droppedWrites()).isEqualTo(1);
    }

    @Test
    void namesAreUniqueWhileOpenAndFreeAfterClose() throws Exception {
        MemoryTunDevice device = open("fg-vt100");
        assertThat(factory.device("fg-vt100")).containsSame(device);
        assertThatThrownBy(() -> open("fg-vt100")).isInstanceOf(TunException.class).hasMessageContaining("in use");

        device.close();

        assertThat(factory.device("fg-vt100")).isEmpty();
        assertThat(open("fg-vt100")).isNotSameAs(device);
    }

    @Test
    void routesAreKeptUntilRemovedOrClosed() throws Exception {
        MemoryTunDevice device = open("fg-vt100");
        IpPrefix client = IpPrefix.parse("192.168.10.5");
        device.addRoute(client);
        device.addRoute(client);
        device.addRoute(IpPrefix.parse("192.168.10.6"));

        device.removeRoute(IpPrefix.parse("192.168.10.6"));
        device.removeRoute(IpPrefix.parse("192.168.10.6"));
        assertThat(device.routes()).containsExactly(client);

        device.close();
        assertThat(device.routes()).isEmpty();
    }

    @Test
    void deactivatingTheFactoryClosesItsDevices() throws Exception {
        MemoryTunDevice device = open("fg-vt100");
        factory.deactivate();
        assertThat(device.isClosed()).isTrue();
    }
}
