package io.flexgate.esp;

import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.tun.TunDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TUN device (a virtual template's interface) with its single reader thread, which seals every packet
 * the kernel routes into the device, and the routes of the clients behind it. Routes are counted, because
 * during a CHILD_SA rekey two pairs cover the same client for a moment.
 */
final class TunPort implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TunPort.class);
    /** How long {@link #close()} waits for the reader thread to leave. */
    static final long READER_JOIN_MILLIS = 2_000;

    private final TunDevice device;
    private final EspProcessor processor;
    private final Thread reader;
    private final Map<IpPrefix, Integer> routes = new HashMap<>();
    private volatile boolean closed;

    TunPort(TunDevice device, EspProcessor processor) {
        this.device = device;
        this.processor = processor;
        this.reader = new Thread(this::readLoop, "flexgate-esp-" + device.name());
        reader.setDaemon(true);
        reader.start();
    }

    String name() {
        return device.name();
    }

    /** Writes one decrypted inner packet to the kernel; false when the device refused it. */
    boolean write(ByteBuffer packet) {
        try {
            device.write(packet);
            return true;
        } catch (IOException e) {
            LOG.debug("write to {} failed: {}", device.name(), e.toString());
            return false;
        }
    }

    /**
     * Writes decrypted inner packets {@code packets[offset .. offset + count)} to the kernel together; false when
     * the device refused them (some may have been written).
     */
    boolean write(ByteBuffer[] packets, int offset, int count) {
        try {
            device.write(packets, offset, count);
            return true;
        } catch (IOException e) {
            LOG.debug("write of {} packets to {} failed: {}", count, device.name(), e.toString());
            return false;
        }
    }

    /** Adds a route per prefix; on failure removes the ones this call added and rethrows. */
    synchronized void addRoutes(List<IpPrefix> prefixes) throws IOException {
        List<IpPrefix> added = new ArrayList<>();
        try {
            for (IpPrefix p : prefixes) {
                int count = routes.getOrDefault(p, 0);
                if (count == 0) {
                    device.addRoute(p);
                }
                routes.put(p, count + 1);
                added.add(p);
            }
        } catch (IOException e) {
            removeRoutes(added);
            throw e;
        }
    }

    /** Drops one reference per prefix; the last one removes the route. */
    synchronized void removeRoutes(List<IpPrefix> prefixes) {
        for (IpPrefix p : prefixes) {
            Integer count = routes.get(p);
            if (count == null) {
                continue;
            }
            if (count > 1) {
                routes.put(p, count - 1);
                continue;
            }
            routes.remove(p);
            try {
                device.removeRoute(p);
            } catch (IOException e) {
                LOG.warn("removing route {} from {} failed: {}", p, device.name(), e.toString());
            }
        }
    }

    private void readLoop() {
        byte[] in = new byte[EspPacket.MAX_PACKET];
        ByteBuffer inView = ByteBuffer.wrap(in);
        byte[] out = new byte[EspPacket.MAX_PACKET + EspPacket.MAX_OVERHEAD];
        ByteBuffer outView = ByteBuffer.wrap(out);
        LOG.debug("reader of {} started", device.name());
        while (!closed) {
            inView.clear();
            int n;
            try {
                n = device.read(inView);
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("reading {} failed, its outbound traffic stops: {}", device.name(), e.toString());
                }
                return;
            }
            if (n < 0) {
                return;
            }
            try {
                processor.outbound(in, 0, n, out, outView);
            } catch (RuntimeException e) {
                LOG.warn("outbound packet from {} dropped: {}", device.name(), e.toString());
            }
        }
    }

    /** Closes the device (which removes its routes) and waits a bounded time for the reader to end. */
    @Override
    public void close() {
        closed = true;
        device.close();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(READER_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reader.isAlive()) {
                LOG.warn("reader of {} did not stop within {} ms", device.name(), READER_JOIN_MILLIS);
            }
        }
    }
}
