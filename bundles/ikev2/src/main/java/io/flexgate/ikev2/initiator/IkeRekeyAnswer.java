package io.flexgate.ikev2.initiator;

import io.flexgate.api.Secret;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.IkeKeyDerivation;
import io.flexgate.ikev2.crypto.IkeSaKeys;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.KeyExchange;
import io.flexgate.ikev2.crypto.KeyExchangeException;
import io.flexgate.ikev2.crypto.Prf;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.crypto.SkCipherPair;
import io.flexgate.ikev2.crypto.TransformType;
import io.flexgate.ikev2.crypto.UnsupportedTransformException;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.KePayload;
import io.flexgate.ikev2.message.NoncePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.SaPayload.Proposal;
import io.flexgate.ikev2.message.SaPayload.Transform;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The headend's CREATE_CHILD_SA that rekeys the IKE SA (RFC 7296 sections 1.3.2 and 2.18), answered by us as the
 * responder of that exchange: one transform of each type out of the first of its IKE proposals our IKE proposals
 * cover, with the group of its KE payload; our new IKE SPI, our nonce and our KE. The new SA's keys come from
 * {@code SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)} with the old SA's PRF; the headend is the original
 * initiator of the new SA, so its SPI is SPIi and its nonce Ni.
 */
final class IkeRekeyAnswer {

    /** The IKE SPI in a proposal (RFC 7296 section 3.3.1). */
    static final int IKE_SPI_LENGTH = 8;
    private static final int GROUP_NUMBER_LENGTH = 2;

    /** What to send back and, when accepted, the new IKE SA (its keys now owned by the caller). */
    sealed interface Answer {
        List<IkePayload> payloads();
    }

    record Refused(List<IkePayload> payloads, String why) implements Answer {
    }

    /** The new IKE SA; we are its responder. */
    record Accepted(List<IkePayload> payloads, long spiI, long spiR, IkeSaTransforms transforms, Prf prf,
            IkeKeyDerivation kdf, IkeSaKeys keys, SkCipherPair ciphers) implements Answer {
    }

    private IkeRekeyAnswer() {
    }

    /** Whether {@code request} (a CREATE_CHILD_SA) rekeys the IKE SA: its SA payload proposes protocol IKE. */
    static boolean rekeysIkeSa(IkeMessage request) {
        return request.notification(NotifyType.REKEY_SA).isEmpty() && request.first(SaPayload.class)
                .map(sa -> sa.proposals().stream().anyMatch(p -> p.protocol().equals(ProtocolId.IKE))).orElse(false);
    }

    /**
     * Answers {@code request}.
     *
     * @param ours    the IKE proposals we offered in IKE_SA_INIT: the transforms we accept
     * @param newSpi  our SPI for the new IKE SA
     * @param oldKdf  the old SA's key derivation (its PRF computes SKEYSEED)
     * @param oldSkD  SK_d of the old SA
     */
    static Answer answer(IkeMessage request, List<Proposal> ours, long newSpi, IkeKeyDerivation oldKdf, Secret oldSkD,
            SkCipherFactory factory, CryptoSuite suite, SecureRandom random) {
        Optional<SaPayload> sa = request.first(SaPayload.class);
        Optional<NoncePayload> ni = request.first(NoncePayload.class);
        Optional<KePayload> ke = request.first(KePayload.class);
        if (sa.isEmpty() || ni.isEmpty() || ke.isEmpty()) {
            return refused(NotifyPayload.of(NotifyType.INVALID_SYNTAX), "the IKE SA rekey lacks SA, nonce or KE");
        }
        Optional<Proposal> chosen = choose(sa.get().proposals(), ours, Optional.empty(), suite);
        if (chosen.isEmpty()) {
            return refused(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN), "no IKE proposal of the headend is ours");
        }
        DhGroup group = ke.get().group();
        Optional<Proposal> withGroup = choose(sa.get().proposals(), ours, Optional.of(group), suite);
        if (withGroup.isEmpty()) {
            // Section 1.3.2: the KE payload's group is not one we accept; ask for the group we would take.
            int wanted = chosen.get().transforms(TransformType.KE).get(0).id();
            return refused(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, Bytes.of(ByteBuffer.allocate(
                    GROUP_NUMBER_LENGTH).putShort((short) wanted).array())), "KE group " + group.name() + " not ours");
        }
        Proposal p = withGroup.get();
        IkeSaTransforms transforms = transforms(p);
        byte[] nr = new byte[IkeInitiator.NONCE_LENGTH];
        random.nextBytes(nr);
        byte[] nonceI = ni.get().nonce().toByteArray();
        long peerSpi = ByteBuffer.wrap(p.spi().toByteArray()).getLong();
        IkeSaKeys keys = null;
        try (KeyExchange.Ephemeral mine = suite.keyExchange(group).orElseThrow().generate(random);
                Secret shared = mine.agree(ke.get().data().toByteArray());
                Secret skeyseed = oldKdf.rekeySkeyseed(oldSkD, shared, nonceI, nr)) {
            IkeKeyDerivation kdf = factory.keyDerivation(transforms);
            keys = kdf.ikeSaKeys(skeyseed, nonceI, nr, peerSpi, newSpi, factory.keyLengths(transforms));
            SkCipherPair ciphers = factory.create(transforms, keys, false);
            List<IkePayload> payloads = List.of(new SaPayload(List.of(new Proposal(p.number(), ProtocolId.IKE,
                    Bytes.of(ByteBuffer.allocate(IKE_SPI_LENGTH).putLong(newSpi).array()), p.transforms()))),
                    new NoncePayload(Bytes.of(nr)), new KePayload(group, Bytes.of(mine.publicValue())));
            return new Accepted(payloads, peerSpi, newSpi, transforms, factory.prf(transforms), kdf, keys, ciphers);
        } catch (KeyExchangeException e) {
            closeQuietly(keys);
            return refused(NotifyPayload.of(NotifyType.INVALID_SYNTAX), "the headend's KE: " + e.getMessage());
        } catch (UnsupportedTransformException e) {
            closeQuietly(keys);
            return refused(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN), e.getMessage());
        }
    }

    /**
     * The first of the headend's IKE proposals (its preference order, section 2.7) that one of ours covers, cut to
     * one transform of each type; with {@code group} only a proposal that offers it and that we can compute.
     */
    static Optional<Proposal> choose(List<Proposal> offered, List<Proposal> ours, Optional<DhGroup> group,
            CryptoSuite suite) {
        for (Proposal p : offered) {
            if (!p.protocol().equals(ProtocolId.IKE) || p.spi().length() != IKE_SPI_LENGTH) {
                continue;
            }
            for (Proposal q : ours) {
                Optional<Transform> encr = ChildRekey.common(p, q, TransformType.ENCR);
                Optional<Transform> prf = ChildRekey.common(p, q, TransformType.PRF);
                boolean aead = p.transforms(TransformType.INTEG).stream().allMatch(t -> t.id() == 0)
                        && q.transforms(TransformType.INTEG).isEmpty();
                Optional<Transform> integ = ChildRekey.common(p, q, TransformType.INTEG);
                Optional<Transform> ke = p.transforms(TransformType.KE).stream()
                        .filter(t -> q.transforms(TransformType.KE).contains(t))
                        .filter(t -> group.map(g -> g.value() == t.id()).orElse(true))
                        .filter(t -> suite.keyExchange(DhGroup.valueOf(t.id())).isPresent()).findFirst();
                if (encr.isEmpty() || prf.isEmpty() || (integ.isEmpty() && !aead) || ke.isEmpty()) {
                    continue;
                }
                List<Transform> chosen = new ArrayList<>(List.of(encr.get(), prf.get()));
                integ.ifPresent(chosen::add);
                chosen.add(ke.get());
                return Optional.of(new Proposal(p.number(), ProtocolId.IKE, p.spi(), chosen));
            }
        }
        return Optional.empty();
    }

    private static IkeSaTransforms transforms(Proposal p) {
        Transform encr = p.transforms(TransformType.ENCR).get(0);
        List<Transform> integ = p.transforms(TransformType.INTEG);
        return new IkeSaTransforms(EncrAlgorithm.valueOf(encr.id()), encr.keyLength().orElse(0),
                PrfAlgorithm.valueOf(p.transforms(TransformType.PRF).get(0).id()),
                integ.isEmpty() ? IntegAlgorithm.NONE : IntegAlgorithm.valueOf(integ.get(0).id()),
                DhGroup.valueOf(p.transforms(TransformType.KE).get(0).id()));
    }

    private static Refused refused(NotifyPayload notify, String why) {
        return new Refused(List.of(notify), why);
    }

    private static void closeQuietly(IkeSaKeys keys) {
        if (keys != null) {
            keys.close();
        }
    }
}
