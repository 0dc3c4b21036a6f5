package io.flexgate.eap.md5;

import io.flexgate.api.Secret;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapPeerException;
import io.flexgate.api.eap.EapType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The peer side of EAP-MD5: answers each challenge with the CHAP MD5 hash of the password. */
final class Md5Peer implements EapPeer {

    private final EapPeerContext context;

    Md5Peer(EapPeerContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<EapPacket> respond(EapPacket request) {
        if (request.code() != EapCode.REQUEST || !EapType.MD5_CHALLENGE.equals(request.type())) {
            return CompletableFuture.failedFuture(new EapPeerException("EAP-MD5 cannot answer " + request));
        }
        Optional<Md5Data> data = Md5Data.decode(request.typeData());
        if (data.isEmpty()) {
            return CompletableFuture.failedFuture(new EapPeerException(
                    "the server sent a malformed EAP-MD5 challenge (Value-Size 0 or past the end)"));
        }
        Secret password = context.password().get();
        if (password == null) {
            return CompletableFuture.failedFuture(new EapPeerException("no password given for EAP-MD5"));
        }
        byte[] secret = password.bytes();
        try {
            byte[] hash = ChapMd5.response(request.identifier(), secret, data.get().value());
            byte[] typeData = new Md5Data(hash, context.identity().getBytes(StandardCharsets.UTF_8)).encode();
            Arrays.fill(hash, (byte) 0);
            return CompletableFuture.completedFuture(EapPacket.response(request.identifier(), EapType.MD5_CHALLENGE, typeData));
        } finally {
            Arrays.fill(secret, (byte) 0);
            password.wipe();
        }
    }

    /** EAP-MD5 derives no key (RFC 3748 section 5.4). */
    @Override
    public Optional<Secret> msk() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing held: the password is wiped right after each use
    }
}
