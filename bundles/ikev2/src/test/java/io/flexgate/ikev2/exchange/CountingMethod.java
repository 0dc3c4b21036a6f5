package io.flexgate.ikev2.exchange;

import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.api.eap.EapType;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** A real EAP method whose authenticators count the responses they process (work the headend did). */
final class CountingMethod implements EapMethod {

    private final EapMethod delegate;
    final AtomicInteger conversations = new AtomicInteger();
    final AtomicInteger processed = new AtomicInteger();

    CountingMethod(EapMethod delegate) {
        this.delegate = delegate;
    }

    @Override
    public EapType type() {
        return delegate.type();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean generatesMsk() {
        return delegate.generatesMsk();
    }

    @Override
    public EapAuthenticator newAuthenticator(EapServerContext context) {
        conversations.incrementAndGet();
        EapAuthenticator a = delegate.newAuthenticator(context);
        return new EapAuthenticator() {
            @Override
            public CompletionStage<EapStep> start(int identifier) {
                return a.start(identifier);
            }

            @Override
            public CompletionStage<EapStep> process(EapPacket response) {
                processed.incrementAndGet();
                return a.process(response);
            }

            @Override
            public void close() {
                a.close();
            }
        };
    }

    @Override
    public EapPeer newPeer(EapPeerContext context) {
        return delegate.newPeer(context);
    }
}
