package io.flexgate.ikev2.transport;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * One IKE message on the wire with both ends of its path (STYLE: the datagram's sender and recipient stay
 * with the message; NAT detection and cookies need both). The bytes are the IKE message itself: on port
 * 4500 the non-ESP marker is already removed on receipt and added on send.
 *
 * @param data   the IKE message, copied in and out
 * @param local  our address and port (where it arrived, or where it leaves from)
 * @param remote the peer's address and port
 */
public record Datagram(byte[] data, InetSocketAddress local, InetSocketAddress remote) {

    public Datagram {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The length without copying. */
    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datagram d && Arrays.equals(d.data, data) && d.local.equals(local) && d.remote.equals(remote);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + remote.hashCode();
    }

    @Override
    public String toString() {
        return "Datagram[" + data.length + " bytes " + remote + " -> " + local + "]";
    }
}
