package io.flexgate.ikev2.initiator;

import io.flexgate.api.Secret;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.IkeKeyDerivation;
import io.flexgate.ikev2.crypto.IkeSaKeys;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.KeyExchange;
import io.flexgate.ikev2.crypto.KeyExchangeException;
import io.flexgate.ikev2.crypto.Prf;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.crypto.SkCipherPair;
import io.flexgate.ikev2.crypto.UnsupportedTransformException;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.KePayload;
import io.flexgate.ikev2.message.NoncePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.SaPayload;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Our IKE_SA_INIT (RFC 7296 section 1.2): the request with a fresh key exchange each time, started over with the
 * cookie or group the headend asks for ({@link InitRetry}), and the IKE SA's transforms and keys from its response
 * (section 2.14). Holds the key exchange's private value until the response is read or the session ends. Owned by
 * the session's executor.
 */
final class InitExchange {

    /** What a response leads to. */
    sealed interface Outcome {
        /** Send IKE_SA_INIT again; {@code otherGroup} when the headend asked for another key exchange group. */
        record Again(Optional<DhGroup> otherGroup) implements Outcome {
        }

        /** The attempt ends, with the headend's notify when it sent one. */
        record Failed(InitiatorResult.Reason reason, Optional<NotifyType> notifyType, String message)
                implements Outcome {
        }

        /** The IKE SA: what the headend chose and the keys (now owned by the caller). */
        record Negotiated(byte[] nonceR, IkeSaTransforms transforms, Prf prf, IkeKeyDerivation kdf, IkeSaKeys keys,
                SkCipherPair ciphers) implements Outcome {
        }
    }

    private final InitiatorConfig config;
    private final CryptoSuite suite;
    private final SkCipherFactory factory;
    private final SecureRandom random;
    private final InitRetry retry = new InitRetry();
    private DhGroup group;
    private KeyExchange.Ephemeral ephemeral;

    InitExchange(InitiatorConfig config, CryptoSuite suite, SkCipherFactory factory, SecureRandom random) {
        this.config = config;
        this.suite = suite;
        this.factory = factory;
        this.random = random;
    }

    /** The first request's group: the first our proposals offer. */
    void start() {
        group = InitiatorProposals.preferredGroup(config.ikeProposals())
                .orElseThrow(() -> new IllegalArgumentException("the IKE proposals offer no KE group"));
    }

    /** The next IKE_SA_INIT request, with a new private value for the current group. */
    IkeMessage request(long spiI, byte[] nonceI, InetSocketAddress local, InetSocketAddress remote) {
        KeyExchange kex = suite.keyExchange(group).orElseThrow(() -> new IllegalArgumentException(
                "group " + group.name() + " is not available"));
        KeyExchange.Ephemeral next = kex.generate(random);
        close();
        ephemeral = next;
        return new IkeMessage(IkeHeader.of(spiI, 0, ExchangeType.IKE_SA_INIT, true, false, 0), false,
                InitiatorMessages.initPayloads(config, retry.cookie().orElse(null), new KePayload(group,
                        Bytes.of(next.publicValue())), nonceI, InitiatorMessages.natHash(spiI, 0, local),
                        InitiatorMessages.natHash(spiI, 0, remote)));
    }

    /** Reads the headend's response to our latest request; {@code spiR} is the SPI its header names. */
    Outcome response(IkeMessage response, long spiI, long spiR, byte[] nonceI) {
        InitRetry.Decision decision = retry.decide(response, config.ikeProposals(), group);
        if (decision instanceof InitRetry.Decision.GiveUp g) {
            return new Outcome.Failed(InitiatorResult.Reason.PROTOCOL_ERROR, g.notifyType(), g.message());
        }
        if (decision instanceof InitRetry.Decision.Again again) {
            Optional<DhGroup> other = Optional.of(again.group()).filter(g -> !g.equals(group));
            group = again.group();
            return new Outcome.Again(other);
        }
        Optional<NotifyPayload> error = InitiatorMessages.firstError(response);
        if (error.isPresent()) {
            return new Outcome.Failed(InitiatorResult.Reason.REFUSED, Optional.of(error.get().notifyType()),
                    "IKE_SA_INIT refused: " + error.get().notifyType().name());
        }
        Optional<KePayload> ke = response.first(KePayload.class);
        Optional<NoncePayload> nr = response.first(NoncePayload.class);
        Optional<IkeSaTransforms> chosen = response.first(SaPayload.class).flatMap(s -> InitiatorProposals.acceptedIke(
                config.ikeProposals(), s.proposals()));
        if (chosen.isEmpty() || ke.isEmpty() || nr.isEmpty() || spiR == 0 || !ke.get().group().equals(group)
                || !chosen.get().dhGroup().equals(group)) {
            return new Outcome.Failed(InitiatorResult.Reason.PROTOCOL_ERROR, Optional.empty(),
                    "malformed IKE_SA_INIT response: " + response.summary());
        }
        byte[] nonceR = nr.get().nonce().toByteArray();
        IkeSaTransforms transforms = chosen.get();
        IkeSaKeys keys = null;
        try (Secret shared = ephemeral.agree(ke.get().data().toByteArray())) {
            Prf prf = factory.prf(transforms);
            IkeKeyDerivation kdf = factory.keyDerivation(transforms);
            try (Secret skeyseed = kdf.skeyseed(nonceI, nonceR, shared)) {
                keys = kdf.ikeSaKeys(skeyseed, nonceI, nonceR, spiI, spiR, factory.keyLengths(transforms));
            }
            return new Outcome.Negotiated(nonceR, transforms, prf, kdf, keys, factory.create(transforms, keys, true));
        } catch (KeyExchangeException | UnsupportedTransformException e) {
            if (keys != null) {
                keys.close();
            }
            return new Outcome.Failed(InitiatorResult.Reason.PROTOCOL_ERROR, Optional.empty(),
                    "IKE_SA_INIT keys: " + e.getMessage());
        } finally {
            close();
        }
    }

    /** Wipes the private value of the outstanding request, if any. */
    void close() {
        if (ephemeral != null) {
            ephemeral.close();
            ephemeral = null;
        }
    }
}
