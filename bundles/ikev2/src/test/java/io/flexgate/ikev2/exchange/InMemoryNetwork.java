package io.flexgate.ikev2.exchange;

import io.flexgate.ikev2.engine.Responder;
import io.flexgate.ikev2.initiator.IkeInitiator;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.transport.Datagram;
import io.flexgate.ikev2.transport.IkeTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A wire between one initiator and the responder: every datagram is recorded, then delivered with its ends
 * swapped (our local is their remote). The headend's datagrams go through {@link #dropToClient} first, so a
 * test can lose a response and watch the retransmission.
 */
final class InMemoryNetwork {

    /** One datagram on the wire and its direction. */
    record Sent(boolean fromClient, Datagram datagram) {
        IkeHeader header() {
            return InMemoryNetwork.header(datagram);
        }
    }

    /** The IKE header of a datagram the tests made or saw on the wire (always well formed). */
    static IkeHeader header(Datagram d) {
        try {
            return IkeMessageCodec.decodeHeader(d.data());
        } catch (io.flexgate.ikev2.message.IkeDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    private final List<Sent> wire = new ArrayList<>();
    private final ExecutorService clientExecutor;
    private volatile Responder responder;
    private volatile IkeInitiator initiator;
    volatile Predicate<Datagram> dropToClient = d -> false;
    /** What a NAT between the client and the headend makes of the client's datagrams (a new source port). */
    volatile UnaryOperator<Datagram> natFromClient = UnaryOperator.identity();

    InMemoryNetwork(ExecutorService clientExecutor) {
        this.clientExecutor = clientExecutor;
    }

    void connect(Responder r, IkeInitiator i) {
        this.responder = r;
        this.initiator = i;
    }

    final IkeTransport headendSide = new IkeTransport() {
        @Override
        public boolean send(Datagram d) {
            record(new Sent(false, d));
            if (dropToClient.test(d)) {
                return true;
            }
            Datagram arriving = new Datagram(d.data(), d.remote(), d.local());
            clientExecutor.execute(() -> initiator.receive(arriving));
            return true;
        }
    };

    final IkeTransport clientSide = new IkeTransport() {
        @Override
        public boolean send(Datagram sent) {
            Datagram d = natFromClient.apply(sent);
            record(new Sent(true, d));
            responder.receive(new Datagram(d.data(), d.remote(), d.local()));
            return true;
        }
    };

    private synchronized void record(Sent s) {
        wire.add(s);
    }

    synchronized List<Sent> wire() {
        return List.copyOf(wire);
    }
}
