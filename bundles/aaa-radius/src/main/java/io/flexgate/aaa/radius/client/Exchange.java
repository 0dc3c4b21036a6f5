package io.flexgate.aaa.radius.client;

import io.flexgate.aaa.radius.packet.RadiusPacket;

/** How a request ended. */
public sealed interface Exchange {

    /**
     * A server answered with a response whose authenticators verified.
     *
     * @param request  the request as last sent (its authenticator is what the response was checked against)
     */
    record Answered(RadiusServer server, RadiusPacket request, RadiusPacket response) implements Exchange {
    }

    /** No server answered (timeouts, all dead, no identifier free, the client closed). */
    record NoAnswer(String reason) implements Exchange {
    }
}
