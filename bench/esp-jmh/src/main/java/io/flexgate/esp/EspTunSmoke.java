package io.flexgate.esp;

import io.flexgate.api.Secret;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.tun.linux.LinuxTunConfiguration;
import io.flexgate.tun.linux.LinuxTunFactory;
import io.flexgate.tun.memory.MemoryTunDevice;
import io.flexgate.tun.memory.MemoryTunFactory;
import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A manual check of the data plane against a real kernel TUN device (root, in a throwaway network
 * namespace): a UDP datagram sent by a host socket is routed by the kernel into fg-vt100, sealed by the
 * "gateway" data plane, opened by a "client" data plane on an in-memory TUN; the client's reply travels
 * back and reaches the socket. Then a bounded burst of datagrams measures packets/s through kernel TUN,
 * seal and open on this machine (both data planes share the process).
 *
 * <pre>
 * mvn -f bench/esp-jmh/pom.xml package
 * ip netns add espsmoke; ip netns exec espsmoke ip link set lo up
 * ip netns exec espsmoke ip addr add 10.1.0.10/32 dev lo
 * ip netns exec espsmoke java -cp bench/esp-jmh/target/benchmarks.jar io.flexgate.esp.EspTunSmoke 64 200000
 * ip netns del espsmoke
 * </pre>
 */
public final class EspTunSmoke {
    private EspTunSmoke() {
    }

    public static void main(String[] a) throws Exception {
        LinuxTunConfiguration cfg = (LinuxTunConfiguration) Proxy.newProxyInstance(EspTunSmoke.class.getClassLoader(),
                new Class<?>[] {LinuxTunConfiguration.class}, (p, m, args) -> switch (m.getName()) {
                    case "device_path" -> "/dev/net/tun";
                    case "ip_command" -> "ip";
                    default -> null;
                });
        LinuxTunFactory linux = new LinuxTunFactory(cfg);
        MemoryTunFactory mem = new MemoryTunFactory();
        UserspaceEspDataPlane gw = new UserspaceEspDataPlane(EspSettings.DEFAULTS, Clock.systemUTC(), new SecureRandom(), false);
        UserspaceEspDataPlane cl = new UserspaceEspDataPlane(EspSettings.DEFAULTS, Clock.systemUTC(), new SecureRandom(), false);
        gw.bindTunFactory(linux);
        cl.bindTunFactory(mem);
        gw.bindTransport((esp, l, r) -> { cl.receiveEncapsulated(copy(esp), r, l); return true; });
        cl.bindTransport((esp, l, r) -> { gw.receiveEncapsulated(copy(esp), r, l); return true; });
        SecureRandom rnd = new SecureRandom();
        byte[] k1 = new byte[20], k2 = new byte[20];
        rnd.nextBytes(k1); rnd.nextBytes(k2);
        Secret none = Secret.copyOf(new byte[0]);
        InetSocketAddress gwo = new InetSocketAddress("198.18.0.1", 4500), clo = new InetSocketAddress("198.18.0.2", 4500);
        DataPlane.ChildSaEvents ev = new DataPlane.ChildSaEvents() {
            public void softExpired(int s) { System.out.println("soft " + s); }
            public void hardExpired(int s) { System.out.println("hard " + s); }
        };
        List<IpPrefix> client = List.of(IpPrefix.parse("192.168.10.5/32")), corp = List.of(IpPrefix.parse("10.0.0.0/8"));
        gw.install(new ChildSaSpec(1, "Virtual-Template100", "Virtual-Access1", 0xc0000001, 0xc1000001, 20, 128, 0, true,
                Secret.copyOf(k1), none, Secret.copyOf(k2), none, gwo, clo, true, corp, client,
                ChildSaSpec.Lifetime.IOS_DEFAULT, 1024), ev);
        cl.install(new ChildSaSpec(2, "Virtual-Template1", "Virtual-Access1", 0xc1000001, 0xc0000001, 20, 128, 0, true,
                Secret.copyOf(k2), none, Secret.copyOf(k1), none, clo, gwo, true, client, corp,
                ChildSaSpec.Lifetime.IOS_DEFAULT, 1024), ev);
        DatagramSocket s = new DatagramSocket(new InetSocketAddress("10.1.0.10", 5000));
        s.send(new DatagramPacket("hello through ESP".getBytes(), 17, new InetSocketAddress("192.168.10.5", 9)));
        MemoryTunDevice cd = mem.device("fg-vt1").orElseThrow();
        byte[] p = cd.takeWritten(Duration.ofSeconds(5)).orElseThrow(() -> new IllegalStateException("nothing reached the client"));
        System.out.println("client got " + p.length + " octets, " + InetAddress.getByAddress(java.util.Arrays.copyOfRange(p, 12, 16))
                + " -> " + InetAddress.getByAddress(java.util.Arrays.copyOfRange(p, 16, 20)) + ": " + new String(p, 28, p.length - 28));
        // the reply: UDP 192.168.10.5:9 -> 10.1.0.10:5000
        byte[] data = "reply through ESP".getBytes();
        byte[] r = new byte[28 + data.length];
        r[0] = 0x45; r[2] = (byte) (r.length >> 8); r[3] = (byte) r.length; r[8] = 64; r[9] = 17;
        System.arraycopy(java.util.Arrays.copyOfRange(p, 16, 20), 0, r, 12, 4);
        System.arraycopy(java.util.Arrays.copyOfRange(p, 12, 16), 0, r, 16, 4);
        r[20] = 0; r[21] = 9; r[22] = (byte) (5000 >> 8); r[23] = (byte) (5000 & 0xff);
        r[24] = (byte) ((8 + data.length) >> 8); r[25] = (byte) (8 + data.length);
        System.arraycopy(data, 0, r, 28, data.length);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) sum += ((r[i] & 0xff) << 8) | (r[i + 1] & 0xff);
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        sum = ~sum & 0xffff; r[10] = (byte) (sum >> 8); r[11] = (byte) sum;
        cd.inject(r);
        s.setSoTimeout(5000);
        DatagramPacket in = new DatagramPacket(new byte[100], 100);
        s.receive(in);
        System.out.println("host socket got from " + in.getSocketAddress() + ": " + new String(in.getData(), 0, in.getLength()));
        System.out.println("gateway counters " + gw.counters(0xc0000001).orElseThrow());
        int size = Integer.parseInt(a.length > 0 ? a[0] : "64");
        int count = Integer.parseInt(a.length > 1 ? a[1] : "200000");
        byte[] payload = new byte[size - 28];
        DatagramPacket out = new DatagramPacket(payload, payload.length, new InetSocketAddress("192.168.10.5", 9));
        long before = gw.counters(0xc0000001).orElseThrow().packetsEncrypted();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            s.send(out);
        }
        long sent = System.nanoTime();
        long deadline = sent + 5_000_000_000L;
        long last = -1, lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long n = gw.counters(0xc0000001).orElseThrow().packetsEncrypted();
            if (n != last) { last = n; lastChange = System.nanoTime(); }
            else if (System.nanoTime() - lastChange > 300_000_000L) break;
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        long done = gw.counters(0xc0000001).orElseThrow().packetsEncrypted() - before;
        double secs = (lastChange - t0) / 1e9;
        long decrypted = cl.counters(0xc1000001).orElseThrow().packetsDecrypted() - 1;
        System.out.printf("burst: %d x %d-octet UDP sent in %.2f s; through TUN+seal+open: %d (%.0f pkt/s, %.0f Mbit/s inner), client decrypted %d%n",
                count, size, (sent - t0) / 1e9, done, done / secs, done * size * 8 / secs / 1e6, decrypted);
        gw.remove(0xc0000001);
        gw.deactivate(); cl.deactivate();
        System.exit(0);
    }

    static ByteBuffer copy(ByteBuffer b) {
        byte[] c = new byte[b.remaining()];
        b.duplicate().get(c);
        return ByteBuffer.wrap(c);
    }
}
