package io.flexgate.ikev2.initiator;

import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.EsnMode;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.crypto.TransformType;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaPayload.Proposal;
import io.flexgate.ikev2.message.SaPayload.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proposals an initiator offers and how it reads the headend's choice (RFC 7296 sections 2.7 and 3.3).
 * The defaults follow RFC 8247's MUST/SHOULD algorithms and what the seed's IOS smart defaults accept.
 */
public final class InitiatorProposals {

    private static final int AES_256 = 256;

    private InitiatorProposals() {
    }

    /** AES-GCM-16/256 and AES-CBC-256 with HMAC-SHA2-256, PRF SHA2-256, the given groups in order. */
    public static List<Proposal> defaultIke(List<DhGroup> groups) {
        List<Transform> gcm = new ArrayList<>(List.of(Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, AES_256),
                Transform.of(PrfAlgorithm.PRF_HMAC_SHA2_256)));
        List<Transform> cbc = new ArrayList<>(List.of(Transform.of(EncrAlgorithm.ENCR_AES_CBC, AES_256),
                Transform.of(PrfAlgorithm.PRF_HMAC_SHA2_256), Transform.of(IntegAlgorithm.AUTH_HMAC_SHA2_256_128)));
        groups.forEach(g -> {
            gcm.add(Transform.of(g));
            cbc.add(Transform.of(g));
        });
        return List.of(new Proposal(1, ProtocolId.IKE, Bytes.EMPTY, gcm), new Proposal(2, ProtocolId.IKE, Bytes.EMPTY, cbc));
    }

    /** ESP: AES-GCM-16/256, then AES-CBC-256 with HMAC-SHA2-256-128; no ESN (the SPI is set per session). */
    public static List<Proposal> defaultEsp() {
        return List.of(new Proposal(1, ProtocolId.ESP, Bytes.EMPTY, List.of(Transform.of(EncrAlgorithm.ENCR_AES_GCM_16,
                AES_256), Transform.of(EsnMode.NO_ESN))),
                new Proposal(2, ProtocolId.ESP, Bytes.EMPTY, List.of(Transform.of(EncrAlgorithm.ENCR_AES_CBC, AES_256),
                        Transform.of(IntegAlgorithm.AUTH_HMAC_SHA2_256_128), Transform.of(EsnMode.NO_ESN))));
    }

    /** The ESP proposals with our SPI. */
    static List<Proposal> withSpi(List<Proposal> proposals, byte[] spi) {
        return proposals.stream().map(p -> new Proposal(p.number(), p.protocol(), Bytes.of(spi), p.transforms())).toList();
    }

    /** The first KE group of the first proposal: the group of our first KE payload. */
    static Optional<DhGroup> preferredGroup(List<Proposal> ike) {
        return ike.stream().flatMap(p -> p.transforms(TransformType.KE).stream()).findFirst()
                .map(t -> DhGroup.valueOf(t.id()));
    }

    /** Whether we offered {@code group} at all (an INVALID_KE_PAYLOAD may only ask for one of ours). */
    static boolean offers(List<Proposal> ike, DhGroup group) {
        return ike.stream().anyMatch(p -> p.transforms(TransformType.KE).stream().anyMatch(t -> t.id() == group.value()));
    }

    /**
     * The headend's IKE choice, when it is exactly one transform of each type out of the proposal it names
     * (RFC 7296 section 2.7: the responder MUST NOT choose what was not offered).
     */
    static Optional<IkeSaTransforms> acceptedIke(List<Proposal> offered, List<Proposal> reply) {
        if (reply.size() != 1) {
            return Optional.empty();
        }
        Proposal chosen = reply.get(0);
        Optional<Proposal> ours = offered.stream().filter(p -> p.number() == chosen.number()).findFirst();
        if (ours.isEmpty() || !chosen.protocol().equals(ProtocolId.IKE) || !allOffered(ours.get(), chosen)) {
            return Optional.empty();
        }
        List<Transform> encr = chosen.transforms(TransformType.ENCR);
        List<Transform> prf = chosen.transforms(TransformType.PRF);
        List<Transform> integ = chosen.transforms(TransformType.INTEG);
        List<Transform> ke = chosen.transforms(TransformType.KE);
        if (encr.size() != 1 || prf.size() != 1 || integ.size() > 1 || ke.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new IkeSaTransforms(EncrAlgorithm.valueOf(encr.get(0).id()), encr.get(0).keyLength().orElse(0),
                PrfAlgorithm.valueOf(prf.get(0).id()), integ.isEmpty() ? IntegAlgorithm.NONE
                        : IntegAlgorithm.valueOf(integ.get(0).id()), DhGroup.valueOf(ke.get(0).id())));
    }

    /** The headend's ESP choice: ENCR, INTEG (NONE with AEAD), ESN, and its 4-octet SPI. */
    record EspChoice(int peerSpi, EncrAlgorithm encr, int keyBits, IntegAlgorithm integ, boolean esn) {
    }

    static Optional<EspChoice> acceptedEsp(List<Proposal> offered, List<Proposal> reply) {
        if (reply.size() != 1) {
            return Optional.empty();
        }
        Proposal chosen = reply.get(0);
        Optional<Proposal> ours = offered.stream().filter(p -> p.number() == chosen.number()).findFirst();
        List<Transform> encr = chosen.transforms(TransformType.ENCR);
        List<Transform> integ = chosen.transforms(TransformType.INTEG);
        List<Transform> esn = chosen.transforms(TransformType.ESN);
        if (ours.isEmpty() || !chosen.protocol().equals(ProtocolId.ESP) || chosen.spi().length() != 4
                || !allOffered(ours.get(), chosen) || encr.size() != 1 || integ.size() > 1 || esn.size() > 1) {
            return Optional.empty();
        }
        int spi = java.nio.ByteBuffer.wrap(chosen.spi().toByteArray()).getInt();
        return Optional.of(new EspChoice(spi, EncrAlgorithm.valueOf(encr.get(0).id()), encr.get(0).keyLength().orElse(0),
                integ.isEmpty() ? IntegAlgorithm.NONE : IntegAlgorithm.valueOf(integ.get(0).id()),
                !esn.isEmpty() && esn.get(0).id() == EsnMode.ESN.value()));
    }

    private static boolean allOffered(Proposal ours, Proposal chosen) {
        return chosen.transforms().stream().allMatch(t -> t.type().equals(TransformType.INTEG) && t.id() == 0
                || ours.transforms().contains(t));
    }
}
