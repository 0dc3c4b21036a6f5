package io.flexgate.ikev2.engine;

import io.flexgate.ikev2.config.Cipher;
import io.flexgate.ikev2.config.IkeProposal;
import io.flexgate.ikev2.config.TransformSet;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.EsnMode;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.crypto.TransformType;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.SaPayload.Proposal;
import io.flexgate.ikev2.message.SaPayload.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses one of the peer's proposals (RFC 7296 section 2.7): the first proposal of the peer, in its order,
 * of which one transform of each type is acceptable to our configuration. A transform type the peer leaves
 * out is acceptable only where RFC 7296 allows (no INTEG with AEAD).
 */
public final class ProposalSelection {

    private ProposalSelection() {
    }

    /** An IKE SA choice: the reply proposal and the transforms. */
    public record IkeChoice(Proposal reply, IkeSaTransforms transforms) {
    }

    /** A CHILD_SA choice: the reply proposal (with our SPI), the peer's SPI and the ESP transforms. */
    public record EspChoice(Proposal reply, int peerSpi, Cipher cipher, IntegAlgorithm integrity, boolean esn) {
    }

    /**
     * Selects an IKE proposal.
     *
     * @param ours   configured proposals (or the smart defaults)
     * @param suite  what this build can compute (a configured but unsupported algorithm is skipped)
     */
    public static Optional<IkeChoice> selectIke(SaPayload offered, List<IkeProposal> ours, CryptoSuite suite) {
        for (Proposal p : offered.proposals()) {
            if (!p.protocol().equals(ProtocolId.IKE)) {
                continue;
            }
            for (IkeProposal mine : ours) {
                Optional<IkeChoice> c = match(p, mine, suite);
                if (c.isPresent()) {
                    return c;
                }
            }
        }
        return Optional.empty();
    }

    /** Groups we would accept in any of the peer's proposals, in our order (for INVALID_KE_PAYLOAD). */
    public static List<DhGroup> acceptableGroups(SaPayload offered, List<IkeProposal> ours, CryptoSuite suite) {
        List<DhGroup> out = new ArrayList<>();
        for (IkeProposal mine : ours) {
            for (DhGroup g : mine.groups()) {
                boolean offeredByPeer = offered.proposals().stream().anyMatch(p -> p.transforms(TransformType.KE).stream()
                        .anyMatch(t -> t.id() == g.value()));
                if (offeredByPeer && suite.keyExchange(g).isPresent() && !out.contains(g)) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    private static Optional<IkeChoice> match(Proposal p, IkeProposal mine, CryptoSuite suite) {
        for (Transform e : p.transforms(TransformType.ENCR)) {
            EncrAlgorithm encr = EncrAlgorithm.valueOf(e.id());
            int bits = e.keyLength().orElse(0);
            Cipher cipher = new Cipher(encr, bits);
            if (!mine.ciphers().contains(cipher) || (cipher.isAead() ? suite.aead(encr, bits).isEmpty()
                    : suite.cipher(encr, bits).isEmpty())) {
                continue;
            }
            Optional<IntegAlgorithm> integ = cipher.isAead() ? Optional.of(IntegAlgorithm.NONE)
                    : first(p, TransformType.INTEG, mine.integrity().stream().map(IntegAlgorithm::value).toList())
                            .map(IntegAlgorithm::valueOf);
            if (cipher.isAead() && p.transforms(TransformType.INTEG).stream().anyMatch(t -> t.id() != 0)) {
                continue; // RFC 5282: an AEAD proposal with an integrity algorithm is invalid
            }
            Optional<PrfAlgorithm> prf = first(p, TransformType.PRF,
                    mine.prfs().stream().filter(a -> suite.prf(a).isPresent()).map(PrfAlgorithm::value).toList())
                    .map(PrfAlgorithm::valueOf);
            Optional<DhGroup> group = first(p, TransformType.KE,
                    mine.groups().stream().filter(g -> suite.keyExchange(g).isPresent()).map(DhGroup::value).toList())
                    .map(DhGroup::valueOf);
            if (integ.isEmpty() || prf.isEmpty() || group.isEmpty()) {
                continue;
            }
            List<Transform> reply = new ArrayList<>();
            reply.add(bits > 0 ? Transform.of(encr, bits) : Transform.of(encr));
            reply.add(Transform.of(prf.get()));
            if (!cipher.isAead()) {
                reply.add(Transform.of(integ.get()));
            }
            reply.add(Transform.of(group.get()));
            return Optional.of(new IkeChoice(new Proposal(p.number(), ProtocolId.IKE, Bytes.EMPTY, reply),
                    new IkeSaTransforms(encr, bits, prf.get(), integ.get(), group.get())));
        }
        return Optional.empty();
    }

    /**
     * Selects an ESP proposal for a CHILD_SA against the transform sets of the IPsec profile. Key exchange
     * transforms are ignored: a CHILD_SA made in IKE_AUTH has no KE of its own (RFC 7296 section 1.2).
     *
     * @param ourSpi our inbound SPI, put into the reply
     */
    public static Optional<EspChoice> selectEsp(SaPayload offered, List<TransformSet> sets, int ourSpi) {
        for (Proposal p : offered.proposals()) {
            if (!p.protocol().equals(ProtocolId.ESP) || p.spi().length() != 4) {
                continue;
            }
            for (TransformSet ts : sets) {
                Cipher want = ts.cipher();
                boolean encrOk = p.transforms(TransformType.ENCR).stream().anyMatch(t -> t.id() == want.algorithm().value()
                        && t.keyLength().orElse(0) == want.keyBits());
                IntegAlgorithm integ = ts.integrity().orElse(IntegAlgorithm.NONE);
                List<Transform> offeredInteg = p.transforms(TransformType.INTEG);
                boolean integOk = want.isAead()
                        ? offeredInteg.stream().allMatch(t -> t.id() == 0)
                        : offeredInteg.stream().anyMatch(t -> t.id() == integ.value());
                List<Transform> esns = p.transforms(TransformType.ESN);
                // Prefer no ESN; take ESN when the peer offers only that.
                boolean esn = !esns.isEmpty() && esns.stream().noneMatch(t -> t.id() == EsnMode.NO_ESN.value());
                if (!encrOk || !integOk) {
                    continue;
                }
                List<Transform> reply = new ArrayList<>();
                reply.add(want.keyBits() > 0 ? Transform.of(want.algorithm(), want.keyBits()) : Transform.of(want.algorithm()));
                if (!want.isAead()) {
                    reply.add(Transform.of(integ));
                }
                reply.add(Transform.of(esn ? EsnMode.ESN : EsnMode.NO_ESN));
                byte[] spi = java.nio.ByteBuffer.allocate(4).putInt(ourSpi).array();
                int peerSpi = java.nio.ByteBuffer.wrap(p.spi().toByteArray()).getInt();
                return Optional.of(new EspChoice(new Proposal(p.number(), ProtocolId.ESP, Bytes.of(spi), reply), peerSpi,
                        want, integ, esn));
            }
        }
        return Optional.empty();
    }

    /** How a CREATE_CHILD_SA's key exchange (PFS, RFC 7296 section 1.3.1) is settled for the chosen proposal. */
    public sealed interface PfsChoice {
        /** No key exchange: the peer's proposal has none, or offers NONE and sent no KE payload. */
        record NoPfs() implements PfsChoice {
        }

        /** A key exchange in the group of the peer's KE payload. */
        record Group(DhGroup group) implements PfsChoice {
        }

        /** The KE payload's group is not the one to use: answer INVALID_KE_PAYLOAD with {@code preferred}. */
        record InvalidKe(DhGroup preferred) implements PfsChoice {
        }

        /** The proposal demands a key exchange in groups none of which this build computes. */
        record Unsupported() implements PfsChoice {
        }
    }

    /**
     * Settles PFS for the peer's chosen CHILD_SA proposal: the KE payload's group when the proposal offers it,
     * no key exchange when the proposal allows NONE and the peer sent no KE, otherwise the proposal's first group
     * we compute (for INVALID_KE_PAYLOAD, section 1.3).
     */
    public static PfsChoice selectPfs(Proposal chosen, Optional<DhGroup> kePayloadGroup, CryptoSuite suite) {
        List<Transform> groups = chosen.transforms(TransformType.KE);
        boolean noneAllowed = groups.isEmpty() || groups.stream().anyMatch(t -> t.id() == DhGroup.NONE.value());
        if (groups.stream().allMatch(t -> t.id() == DhGroup.NONE.value())) {
            return new PfsChoice.NoPfs();
        }
        if (kePayloadGroup.isPresent() && groups.stream().anyMatch(t -> t.id() == kePayloadGroup.get().value())
                && suite.keyExchange(kePayloadGroup.get()).isPresent()) {
            return new PfsChoice.Group(kePayloadGroup.get());
        }
        if (noneAllowed && kePayloadGroup.isEmpty()) {
            return new PfsChoice.NoPfs();
        }
        return groups.stream().map(t -> DhGroup.valueOf(t.id()))
                .filter(g -> !g.equals(DhGroup.NONE) && suite.keyExchange(g).isPresent()).findFirst()
                .<PfsChoice>map(PfsChoice.InvalidKe::new).orElseGet(PfsChoice.Unsupported::new);
    }

    /** A one-line description of what the peer offered, for the NO_PROPOSAL_CHOSEN log line. */
    public static String describe(SaPayload offered) {
        return offered.proposals().stream()
                .map(p -> p.protocol() + ":" + p.transforms().stream().map(Transform::toString).collect(Collectors.joining("/")))
                .collect(Collectors.joining(", "));
    }

    private static Optional<Integer> first(Proposal p, TransformType type, List<Integer> acceptable) {
        List<Transform> offered = p.transforms(type);
        // Our preference order decides among what the peer put in one proposal.
        for (Integer a : acceptable) {
            if (offered.stream().anyMatch(t -> t.id() == a)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
