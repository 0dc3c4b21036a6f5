package io.flexgate.aaa.radius.client;

import io.flexgate.aaa.radius.packet.RadiusPacket;

/**
 * Builds the signed request for one server. Called again for each server tried, because the identifier,
 * the Request Authenticator and the key (which hides User-Password) change with the server.
 */
@FunctionalInterface
public interface RequestBuilder {

    /**
     * @param identifier    the identifier the client allocated
     * @param authenticator 16 random octets (Access-Request); hashed requests ignore it
     * @param key           the server's shared secret; a copy the client wipes afterwards
     * @return the request, signed with {@code key}
     */
    RadiusPacket build(int identifier, byte[] authenticator, byte[] key);
}
