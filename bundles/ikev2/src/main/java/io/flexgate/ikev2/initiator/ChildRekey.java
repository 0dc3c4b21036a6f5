package io.flexgate.ikev2.initiator;

import io.flexgate.api.Secret;
import io.flexgate.ikev2.crypto.ChildSaKeyLengths;
import io.flexgate.ikev2.crypto.ChildSaKeys;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.EsnMode;
import io.flexgate.ikev2.crypto.IkeKeyDerivation;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.KeyExchange;
import io.flexgate.ikev2.crypto.KeyExchangeException;
import io.flexgate.ikev2.crypto.SkCipherFactory;
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
import io.flexgate.ikev2.message.TrafficSelectorPayload;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The headend's CREATE_CHILD_SA that rekeys one of our CHILD_SAs, answered by us as the exchange's responder
 * (RFC 7296 section 1.3.3): the REKEY_SA notify names the CHILD_SA by the SPI the headend receives on (our
 * outbound SPI); we pick one transform of each type out of a proposal our ESP proposals cover, answer with our
 * new SPI, our nonce, our KE when the headend asked for PFS, and the traffic selectors it sent. The new keys come
 * from SK_d with the headend as the initiator (section 2.17). Anything else (a new CHILD_SA, an IKE SA rekey) is
 * refused with NO_ADDITIONAL_SAS, which section 1.3 allows.
 */
final class ChildRekey {

    /** Our nonce: as long as the one of IKE_SA_INIT. */
    static final int NONCE_LENGTH = IkeInitiator.NONCE_LENGTH;
    private static final int ESP_SPI_LENGTH = 4;

    /**
     * What to send back, and what changes: {@code child} is the new CHILD_SA and {@code old} the one it replaces
     * (both empty when we refused).
     */
    record Answer(List<IkePayload> payloads, Optional<ChildSa> child, Optional<ChildSa> old) {
        static Answer refused(NotifyType why) {
            return new Answer(List.of(NotifyPayload.of(why)), Optional.empty(), Optional.empty());
        }
    }

    private ChildRekey() {
    }

    /**
     * Answers {@code request}.
     *
     * @param children  our CHILD_SAs now
     * @param ourEsp    the ESP proposals we offered in IKE_AUTH: the transforms we accept
     * @param newSpi    our SPI for the new CHILD_SA
     * @param skD       SK_d of the IKE SA
     */
    static Answer answer(IkeMessage request, List<ChildSa> children, List<Proposal> ourEsp, int newSpi,
            IkeKeyDerivation kdf, SkCipherFactory factory, CryptoSuite suite, Secret skD, SecureRandom random) {
        Optional<NotifyPayload> rekey = request.notification(NotifyType.REKEY_SA);
        Optional<SaPayload> sa = request.first(SaPayload.class);
        Optional<NoncePayload> ni = request.first(NoncePayload.class);
        if (rekey.isEmpty() || sa.isEmpty() || ni.isEmpty()) {
            return Answer.refused(NotifyType.NO_ADDITIONAL_SAS);
        }
        Optional<ChildSa> old = children.stream().filter(c -> rekey.get().spi().length() == ESP_SPI_LENGTH
                && ByteBuffer.wrap(rekey.get().spi().toByteArray()).getInt() == c.outboundSpi()).findFirst();
        if (old.isEmpty()) {
            return Answer.refused(NotifyType.CHILD_SA_NOT_FOUND);
        }
        Optional<KePayload> ke = request.first(KePayload.class);
        Optional<Proposal> chosen = choose(sa.get().proposals(), ourEsp, ke.map(KePayload::group), suite);
        if (chosen.isEmpty()) {
            return Answer.refused(NotifyType.NO_PROPOSAL_CHOSEN);
        }
        Proposal p = chosen.get();
        byte[] nr = new byte[NONCE_LENGTH];
        random.nextBytes(nr);
        List<IkePayload> payloads = new ArrayList<>();
        payloads.add(new SaPayload(List.of(new Proposal(p.number(), ProtocolId.ESP,
                Bytes.of(ByteBuffer.allocate(ESP_SPI_LENGTH).putInt(newSpi).array()), p.transforms()))));
        payloads.add(new NoncePayload(Bytes.of(nr)));
        Secret pfs = null;
        try {
            if (!p.transforms(TransformType.KE).isEmpty()) {
                DhGroup group = ke.orElseThrow().group();
                try (KeyExchange.Ephemeral ours = suite.keyExchange(group).orElseThrow().generate(random)) {
                    pfs = ours.agree(ke.get().data().toByteArray());
                    payloads.add(new KePayload(group, Bytes.of(ours.publicValue())));
                }
            }
            Transform encr = p.transforms(TransformType.ENCR).get(0);
            EncrAlgorithm cipher = EncrAlgorithm.valueOf(encr.id());
            int keyBits = encr.keyLength().orElse(0);
            IntegAlgorithm integ = p.transforms(TransformType.INTEG).stream().findFirst()
                    .map(t -> IntegAlgorithm.valueOf(t.id())).orElse(IntegAlgorithm.NONE);
            boolean esn = p.transforms(TransformType.ESN).stream().anyMatch(t -> t.id() == EsnMode.ESN.value());
            ChildSaKeyLengths lengths = factory.childSaKeyLengths(cipher, keyBits, integ);
            // The headend initiated this exchange, so its nonce comes first and its keys are the "initiator" ones.
            ChildSaKeys keys = kdf.childSaKeys(skD, pfs, ni.get().nonce().toByteArray(), nr, lengths.encryption(),
                    lengths.integrity());
            payloads.addAll(request.payloads(TrafficSelectorPayload.class));
            int peerSpi = ByteBuffer.wrap(p.spi().toByteArray()).getInt();
            ChildSa child = new ChildSa(newSpi, peerSpi, cipher, keyBits, integ, esn, keys, old.get().localSelectors(),
                    old.get().remoteSelectors(), false);
            return new Answer(payloads, Optional.of(child), old);
        } catch (KeyExchangeException e) {
            return Answer.refused(NotifyType.INVALID_SYNTAX);
        } catch (UnsupportedTransformException e) {
            return Answer.refused(NotifyType.NO_PROPOSAL_CHOSEN);
        } finally {
            if (pfs != null) {
                pfs.wipe();
            }
        }
    }

    /**
     * The first of the headend's ESP proposals (its preference order, section 2.7) that one of ours covers, cut to
     * one transform of each type; KE only when the headend sent a KE payload of a group it proposes and we have.
     */
    static Optional<Proposal> choose(List<Proposal> offered, List<Proposal> ours, Optional<DhGroup> keGroup,
            CryptoSuite suite) {
        for (Proposal p : offered) {
            if (!p.protocol().equals(ProtocolId.ESP) || p.spi().length() != ESP_SPI_LENGTH) {
                continue;
            }
            for (Proposal q : ours) {
                Optional<Transform> encr = common(p, q, TransformType.ENCR);
                Optional<Transform> esn = common(p, q, TransformType.ESN);
                boolean noInteg = p.transforms(TransformType.INTEG).stream().allMatch(t -> t.id() == 0)
                        && q.transforms(TransformType.INTEG).isEmpty();
                Optional<Transform> integ = common(p, q, TransformType.INTEG);
                List<Transform> kes = p.transforms(TransformType.KE);
                Optional<Transform> ke = kes.stream().filter(t -> keGroup.isPresent() && t.id() == keGroup.get().value()
                        && suite.keyExchange(keGroup.get()).isPresent()).findFirst();
                boolean keOk = kes.isEmpty() || kes.stream().anyMatch(t -> t.id() == 0) || ke.isPresent();
                if (encr.isEmpty() || esn.isEmpty() || (integ.isEmpty() && !noInteg) || !keOk) {
                    continue;
                }
                List<Transform> chosen = new ArrayList<>(List.of(encr.get()));
                integ.ifPresent(chosen::add);
                ke.ifPresent(chosen::add);
                chosen.add(esn.get());
                return Optional.of(new Proposal(p.number(), ProtocolId.ESP, p.spi(), chosen));
            }
        }
        return Optional.empty();
    }

    /** The first of the headend's transforms of {@code type} that our proposal also has. */
    static Optional<Transform> common(Proposal theirs, Proposal ours, TransformType type) {
        return theirs.transforms(type).stream().filter(t -> ours.transforms(type).contains(t)).findFirst();
    }
}
