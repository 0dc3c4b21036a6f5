package io.flexgate.ikev2.engine;

import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.NoncePayload;
import io.flexgate.ikev2.transport.Datagram;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IOS {@code debug crypto ikev2 packet}: one line per IKE message sent or received, on its own logger
 * {@value #LOGGER} at DEBUG (so {@code crypto:debug ikev2 packet} turns it on without the rest of the engine):
 *
 * <pre>
 * IKEv2:(SESSION ID = 1,SA ID = 1):Received Packet [From 198.18.0.2:4500/To 198.18.0.1:4500] Initiator SPI :
 *   0A1B2C3D4E5F6071 - Responder SPI : 8192A3B4C5D6E7F8 Message id: 1 IKEv2 IKE_AUTH Exchange REQUEST, flags I,
 *   Payload contents: IDi CERTREQ CPRQ(ADDR MASK DNS) SA TSi TSr, 412 bytes
 * </pre>
 *
 * (one line in the log). The payload list is the message after decryption, as the strongSwan-style summary
 * tokens that name payload and notify types only; a nonce adds its length. Never key material, nonce or EAP
 * contents: nothing else of the message is read.
 */
final class PacketTrace {

    /** The logger {@code crypto:debug ikev2 packet} sets to DEBUG. */
    static final String LOGGER = "io.flexgate.ikev2.packet";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private PacketTrace() {
    }

    /** A message that arrived (decrypted and, when fragmented, reassembled), in {@code datagram}. */
    static void received(IkeSa sa, IkeMessage message, Datagram datagram) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(line(sa == null ? null : sa.logId(), false, message, List.of(datagram)));
        }
    }

    /** A message we send, in one datagram or in fragments. */
    static void sent(IkeSa sa, IkeMessage message, List<Datagram> datagrams) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(line(sa == null ? null : sa.logId(), true, message, datagrams));
        }
    }

    /**
     * The trace line.
     *
     * @param logId     {@code (SESSION ID = n,SA ID = n)}, or null before an IKE SA exists
     * @param sent      true for a message of ours
     * @param datagrams the datagrams carrying it (the one received, or all fragments sent); at least one
     */
    static String line(String logId, boolean sent, IkeMessage message, List<Datagram> datagrams) {
        IkeHeader h = message.header();
        Datagram first = datagrams.get(0);
        StringBuilder out = new StringBuilder("IKEv2:");
        if (logId != null) {
            out.append(logId).append(':');
        }
        out.append(sent ? "Sending Packet [To " : "Received Packet [From ").append(endpoint(first.remote()))
                .append(sent ? "/From " : "/To ").append(endpoint(first.local())).append("] ")
                .append("Initiator SPI : ").append(spi(h.initiatorSpi()))
                .append(" - Responder SPI : ").append(spi(h.responderSpi()))
                .append(" Message id: ").append(h.messageId())
                .append(" IKEv2 ").append(h.exchangeType().name()).append(" Exchange ")
                .append(h.response() ? "RESPONSE" : "REQUEST").append(", flags ").append(flags(h))
                .append(", Payload contents: ").append(payloads(message.payloads()))
                .append(", ").append(datagrams.stream().mapToInt(Datagram::length).sum()).append(" bytes");
        if (datagrams.size() > 1) {
            out.append(" in ").append(datagrams.size()).append(" fragments");
        }
        return out.toString();
    }

    private static String payloads(List<IkePayload> payloads) {
        if (payloads.isEmpty()) {
            return "(none)";
        }
        return payloads.stream().map(p -> p instanceof NoncePayload n ? p.summary() + "(" + n.nonce().length() + ")"
                : p.summary()).collect(Collectors.joining(" "));
    }

    /** The header flags as Wireshark shows them: I(nitiator), R(esponse). */
    private static String flags(IkeHeader h) {
        String f = (h.initiator() ? "I " : "") + (h.response() ? "R " : "");
        return f.isEmpty() ? "-" : f.strip();
    }

    private static String spi(long spi) {
        return String.format(Locale.ROOT, "%016X", spi);
    }

    private static String endpoint(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
