package io.flexgate.ikev2.initiator;

import io.flexgate.ikev2.crypto.IkeSaKeys;
import io.flexgate.ikev2.crypto.SkCipherPair;
import io.flexgate.ikev2.message.DecodeResult;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.FragmentReassembler;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.transport.Datagram;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The old IKE SA after the headend rekeyed it (RFC 7296 section 2.18): it stays until the headend, as the initiator
 * of the rekey, deletes it. Until then it answers the headend's requests on it (the DELETE with an empty
 * INFORMATIONAL, anything else without doing it), and a retransmitted request gets the cached answer (section 2.1).
 * The keys are wiped once the DELETE is answered; the cached answer stays for its retransmissions.
 */
final class RetiredIkeSa {

    private static final Logger LOG = LoggerFactory.getLogger(RetiredIkeSa.class);

    private final long spiI;
    private final long spiR;
    private final boolean weInitiator;
    private final FragmentReassembler reassembler;
    private SkCipherPair ciphers;
    private IkeSaKeys keys;
    private long expectedRequest;
    private List<Datagram> lastResponse = List.of();

    RetiredIkeSa(long spiI, long spiR, boolean weInitiator, SkCipherPair ciphers, IkeSaKeys keys, long expectedRequest,
            List<Datagram> lastResponse, Clock clock) {
        this.spiI = spiI;
        this.spiR = spiR;
        this.weInitiator = weInitiator;
        this.ciphers = ciphers;
        this.keys = keys;
        this.expectedRequest = expectedRequest;
        this.lastResponse = List.copyOf(lastResponse);
        this.reassembler = new FragmentReassembler(clock);
    }

    /** Whether {@code header} is a request of the headend on this SA. */
    boolean matches(IkeHeader header) {
        return header.initiatorSpi() == spiI && header.responderSpi() == spiR && header.initiator() != weInitiator
                && !header.response();
    }

    /** Whether the headend has deleted this SA (its DELETE answered). */
    boolean deleted() {
        return ciphers == null;
    }

    /** Answers a request of the headend on the old SA; returns the datagrams to send (none for a stray one). */
    List<Datagram> answer(Datagram datagram, IkeHeader header, InetSocketAddress local, InetSocketAddress remote) {
        if (header.messageId() + 1 == expectedRequest) {
            return lastResponse;
        }
        if (ciphers == null || header.messageId() != expectedRequest) {
            return List.of();
        }
        DecodeResult decoded = IkeMessageCodec.decode(datagram.data(), ciphers.inbound(), reassembler);
        if (!(decoded instanceof DecodeResult.Ok ok)) {
            return List.of();
        }
        IkeMessage request = ok.message();
        LOG.info("Received {} on the rekeyed IKE SA {}", request.summary(), Long.toHexString(spiR));
        boolean delete = InitiatorMessages.deletesIkeSa(request);
        List<IkePayload> reply = header.exchangeType().equals(ExchangeType.CREATE_CHILD_SA)
                ? List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE)) : List.of();
        IkeMessage response = new IkeMessage(IkeHeader.of(spiI, spiR, header.exchangeType(), weInitiator, true,
                header.messageId()), true, reply);
        lastResponse = List.of(new Datagram(IkeMessageCodec.encode(response, ciphers.outbound()), local, remote));
        expectedRequest = header.messageId() + 1;
        LOG.info("Sending {} on the rekeyed IKE SA", response.summary());
        if (delete) {
            LOG.info("Old IKE SA {} deleted by the headend after its rekey", Long.toHexString(spiR));
            wipe();
        }
        return lastResponse;
    }

    void wipe() {
        ciphers = null;
        if (keys != null) {
            keys.close();
            keys = null;
        }
    }
}
