package io.flexgate.eap.mschapv2;

import io.flexgate.api.Secret;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapPeerException;
import io.flexgate.api.eap.EapType;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer side of EAP-MSCHAPv2: answers the Challenge with an NT-Response, checks the server's
 * authenticator response ("S=") before it acknowledges Success (mutual authentication: a server that does not
 * know the password is refused), retries with a freshly asked password when a Failure request allows it
 * (R=1), and acknowledges a final Failure request. The MSK is available only after a verified Success.
 */
final class MsChapV2Peer implements EapPeer {

    private static final Logger LOG = LoggerFactory.getLogger(MsChapV2Peer.class);

    /** Retries the peer attempts even if a server keeps allowing more. */
    static final int MAX_RETRIES = 3;

    private final EapPeerContext context;
    private byte[] expectedAuthenticator;
    private byte[] pendingMsk;
    private Secret msk;
    private int retries;

    MsChapV2Peer(EapPeerContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<EapPacket> respond(EapPacket request) {
        try {
            return CompletableFuture.completedFuture(answer(request));
        } catch (EapPeerException e) {
            forget();
            return CompletableFuture.failedFuture(e);
        }
    }

    private EapPacket answer(EapPacket request) throws EapPeerException {
        if (request.code() != EapCode.REQUEST || !EapType.MSCHAPV2.equals(request.type())) {
            throw new EapPeerException("EAP-MSCHAPv2 cannot answer " + request);
        }
        MsChapV2Packet packet = MsChapV2Packet.decode(EapCode.REQUEST, request.typeData()).orElseThrow(
                () -> new EapPeerException("the server sent a malformed EAP-MSCHAPv2 request"));
        MsChapV2Packet reply;
        if (packet instanceof MsChapV2Packet.Challenge challenge) {
            reply = response(challenge.msChapV2Id(), challenge.challenge());
        } else if (packet instanceof MsChapV2Packet.SuccessRequest success) {
            reply = acceptSuccess(success);
        } else if (packet instanceof MsChapV2Packet.FailureRequest failure) {
            reply = handleFailure(failure);
        } else {
            throw new EapPeerException("unexpected EAP-MSCHAPv2 " + packet);
        }
        return EapPacket.response(request.identifier(), EapType.MSCHAPV2, reply.encode());
    }

    private MsChapV2Packet response(int msChapV2Id, byte[] authenticatorChallenge) throws EapPeerException {
        Secret password = context.password().get();
        if (password == null) {
            throw new EapPeerException("no password given for EAP-MSCHAPv2");
        }
        char[] chars = password.chars();
        password.wipe();
        byte[] ntHash = MsChapV2Crypto.ntPasswordHash(chars);
        Arrays.fill(chars, '\0');
        byte[] peerChallenge = new byte[MsChapV2Crypto.CHALLENGE_LENGTH];
        context.random().nextBytes(peerChallenge);
        String name = context.identity();
        try {
            byte[] ntResponse = MsChapV2Crypto.generateNtResponse(authenticatorChallenge, peerChallenge, name, ntHash);
            forget();
            expectedAuthenticator = MsChapV2Crypto.authenticatorResponse(ntHash, ntResponse, peerChallenge,
                    authenticatorChallenge, name);
            pendingMsk = MsChapV2Crypto.msk(ntHash, ntResponse);
            return new MsChapV2Packet.Response(msChapV2Id, peerChallenge, ntResponse, name);
        } finally {
            Arrays.fill(ntHash, (byte) 0);
        }
    }

    private MsChapV2Packet acceptSuccess(MsChapV2Packet.SuccessRequest success) throws EapPeerException {
        if (expectedAuthenticator == null) {
            throw new EapPeerException("the server sent EAP-MSCHAPv2 Success before any Response");
        }
        byte[] received = MsChapV2Text.authenticatorResponse(success.message()).orElseThrow(
                () -> new EapPeerException("the server's EAP-MSCHAPv2 Success carries no valid S= value"));
        if (!MessageDigest.isEqual(expectedAuthenticator, received)) {
            throw new EapPeerException("the server failed to prove it knows the password (EAP-MSCHAPv2"
                    + " authenticator response mismatch); not connecting");
        }
        msk = Secret.copyOf(pendingMsk);
        forget();
        LOG.debug("EAP-MSCHAPv2 server authenticated");
        return new MsChapV2Packet.SuccessResponse();
    }

    private MsChapV2Packet handleFailure(MsChapV2Packet.FailureRequest request) throws EapPeerException {
        MsChapV2Text.Failure failure = MsChapV2Text.parseFailure(request.message()).orElseThrow(
                () -> new EapPeerException("the server sent a malformed EAP-MSCHAPv2 Failure"));
        forget();
        Optional<byte[]> newChallenge = failure.challenge();
        if (failure.retryAllowed() && newChallenge.isPresent() && retries < MAX_RETRIES) {
            retries++;
            LOG.info("EAP-MSCHAPv2 server rejected the password ({}), retry {}", failure, retries);
            return response((request.msChapV2Id() + 1) & 0xFF, newChallenge.get());
        }
        LOG.info("EAP-MSCHAPv2 server rejected the login, {}: {}", MsChapV2Text.meaning(failure.error()), failure);
        return new MsChapV2Packet.FailureResponse();
    }

    /** The MSK, only after the server's authenticator response was verified and EAP-Success arrived. */
    @Override
    public Optional<Secret> msk() {
        if (msk == null) {
            return Optional.empty();
        }
        byte[] copy = msk.bytes();
        Secret key = Secret.copyOf(copy);
        Arrays.fill(copy, (byte) 0);
        return Optional.of(key);
    }

    private void forget() {
        if (expectedAuthenticator != null) {
            Arrays.fill(expectedAuthenticator, (byte) 0);
            expectedAuthenticator = null;
        }
        if (pendingMsk != null) {
            Arrays.fill(pendingMsk, (byte) 0);
            pendingMsk = null;
        }
    }

    @Override
    public void close() {
        forget();
        if (msk != null) {
            msk.wipe();
        }
    }
}
