package io.flexgate.api.tun;

import io.flexgate.api.net.IpPrefix;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One TUN device carrying raw IP packets (no packet information header). One reader thread and any
 * number of writers may use it at once. Closing removes the device and its routes.
 */
@ProviderType
public interface TunDevice extends AutoCloseable {

    String name();

    int mtu();

    /**
     * Reads one packet into {@code into} (from its position). Blocks until a packet arrives or the device
     * closes.
     *
     * @return the packet length, or -1 once the device is closed
     */
    int read(ByteBuffer into) throws IOException;

    /** Writes one packet (position to limit). */
    void write(ByteBuffer packet) throws IOException;

    /**
     * Writes {@code packets[offset .. offset + count)} in order (each from position to limit; positions move to
     * the limits). A device may hand several to the kernel at once: the Linux device merges consecutive TCP
     * segments of one flow into one GSO packet. The default writes them one by one.
     */
    default void write(ByteBuffer[] packets, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            write(packets[i]);
        }
    }

    /** Routes {@code prefix} into the device (a client's address). Idempotent. */
    void addRoute(IpPrefix prefix) throws IOException;

    /** Removes a route added here. Idempotent. */
    void removeRoute(IpPrefix prefix) throws IOException;

    @Override
    void close();
}
