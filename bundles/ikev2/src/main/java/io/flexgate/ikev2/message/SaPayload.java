package io.flexgate.ikev2.message;

import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.EsnMode;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.crypto.TransformType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Security Association payload (RFC 7296 section 3.3) with its proposal, transform and attribute
 * substructures.
 *
 * @param proposals the proposals, in the order sent
 */
public record SaPayload(List<Proposal> proposals) implements IkePayload {

    /** Proposals in one SA payload; RFC 7296 sets no limit, this bounds work per message. */
    public static final int MAX_PROPOSALS = 64;
    /** Transforms in one proposal (the count is one octet). */
    public static final int MAX_TRANSFORMS = 255;
    /** Attributes in one transform; only Key Length is defined (RFC 7296 section 3.3.5). */
    public static final int MAX_ATTRIBUTES = 16;

    private static final int LAST_SUBSTRUCTURE = 0;
    private static final int MORE_PROPOSALS = 2;
    private static final int MORE_TRANSFORMS = 3;
    private static final int PROPOSAL_HEADER = 8;
    private static final int TRANSFORM_HEADER = 8;

    public SaPayload {
        proposals = List.copyOf(proposals);
        if (proposals.isEmpty() || proposals.size() > MAX_PROPOSALS) {
            throw new IllegalArgumentException(proposals.size() + " proposals");
        }
    }

    /**
     * One proposal (RFC 7296 section 3.3.1).
     *
     * @param number     the proposal number
     * @param protocol   IKE, AH or ESP
     * @param spi        empty in IKE_SA_INIT, 8 octets for IKE SA rekeys, 4 for ESP and AH
     * @param transforms the transforms
     */
    public record Proposal(int number, ProtocolId protocol, Bytes spi, List<Transform> transforms) {

        public Proposal {
            transforms = List.copyOf(transforms);
            if (number < 0 || number > 0xFF || spi.length() > 0xFF || transforms.size() > MAX_TRANSFORMS) {
                throw new IllegalArgumentException("proposal number, SPI or transform count out of range");
            }
        }

        /** The transforms of one type, in order. */
        public List<Transform> transforms(TransformType type) {
            return transforms.stream().filter(t -> t.type().equals(type)).toList();
        }
    }

    /**
     * One transform (RFC 7296 section 3.3.2). The id is a number of the registry of its type; the typed
     * accessors use the crypto suite's IANA value classes, whose {@code valueOf} never throws.
     *
     * @param type       the transform type
     * @param id         the transform id
     * @param attributes the attributes (Key Length for variable-length ciphers)
     */
    public record Transform(TransformType type, int id, List<TransformAttribute> attributes) {

        public Transform {
            attributes = List.copyOf(attributes);
            if (id < 0 || id > 0xFFFF || type.value() < 0 || type.value() > 0xFF || attributes.size() > MAX_ATTRIBUTES) {
                throw new IllegalArgumentException("transform " + type + " " + id + " out of range");
            }
        }

        public static Transform of(EncrAlgorithm encr, int keyBits) {
            return new Transform(TransformType.ENCR, encr.value(), List.of(TransformAttribute.keyLength(keyBits)));
        }

        public static Transform of(EncrAlgorithm encr) {
            return new Transform(TransformType.ENCR, encr.value(), List.of());
        }

        public static Transform of(PrfAlgorithm prf) {
            return new Transform(TransformType.PRF, prf.value(), List.of());
        }

        public static Transform of(IntegAlgorithm integ) {
            return new Transform(TransformType.INTEG, integ.value(), List.of());
        }

        public static Transform of(DhGroup group) {
            return new Transform(TransformType.KE, group.value(), List.of());
        }

        public static Transform of(EsnMode esn) {
            return new Transform(TransformType.ESN, esn.value(), List.of());
        }

        /** The Key Length attribute in bits, if present (RFC 7296 section 3.3.5). */
        public Optional<Integer> keyLength() {
            return attributes.stream().filter(a -> a.type() == TransformAttribute.KEY_LENGTH && a.isShort())
                    .map(TransformAttribute::shortValue).findFirst();
        }

        /** The IANA name of the id in its type's registry, {@code UNASSIGNED_<n>} when unknown. */
        public String idName() {
            switch (type.value()) {
                case 1: return EncrAlgorithm.valueOf(id).name();
                case 2: return PrfAlgorithm.valueOf(id).name();
                case 3: return IntegAlgorithm.valueOf(id).name();
                case 5: return EsnMode.valueOf(id).name();
                default:
                    // KE and ADDKE1..7 share the key exchange registry (RFC 9370 section 2.2.1).
                    return type.value() >= 4 && type.value() <= 12 ? DhGroup.valueOf(id).name() : Integer.toString(id);
            }
        }

        @Override
        public String toString() {
            return type.name() + ":" + idName() + keyLength().map(k -> "_" + k).orElse("");
        }
    }

    /**
     * A transform attribute (RFC 7296 section 3.3.5): TV format (AF bit set, 2-octet value) or TLV format.
     *
     * @param type  the attribute type (15 bits)
     * @param tv    true for TV format
     * @param value 2 octets for TV, any length up to 65535 for TLV
     */
    public record TransformAttribute(int type, boolean tv, Bytes value) {

        /** Key Length in bits, the only attribute RFC 7296 defines. */
        public static final int KEY_LENGTH = 14;

        public TransformAttribute {
            if (type < 0 || type > 0x7FFF || (tv && value.length() != 2) || value.length() > 0xFFFF) {
                throw new IllegalArgumentException("attribute " + type + " malformed");
            }
        }

        public static TransformAttribute keyLength(int bits) {
            return new TransformAttribute(KEY_LENGTH, true, Bytes.of(new byte[] {(byte) (bits >>> 8), (byte) bits}));
        }

        public boolean isShort() {
            return tv;
        }

        public int shortValue() {
            return (value.get(0) << 8) | value.get(1);
        }
    }

    static SaPayload decode(PayloadReader in) throws IkeDecodeException {
        List<Proposal> proposals = new ArrayList<>();
        int more = MORE_PROPOSALS;
        while (more == MORE_PROPOSALS) {
            if (proposals.size() == MAX_PROPOSALS) {
                throw IkeDecodeException.invalidSyntax("more than " + MAX_PROPOSALS + " proposals");
            }
            more = in.u8("proposal last substruc");
            if (more != LAST_SUBSTRUCTURE && more != MORE_PROPOSALS) {
                throw IkeDecodeException.invalidSyntax("proposal last substruc " + more);
            }
            in.skip(1, "proposal reserved");
            int length = in.u16("proposal length");
            if (length < PROPOSAL_HEADER) {
                throw IkeDecodeException.invalidSyntax("proposal length " + length);
            }
            proposals.add(decodeProposal(in.slice(length - 4, "proposal")));
        }
        in.expectEnd("SA payload");
        return new SaPayload(proposals);
    }

    private static Proposal decodeProposal(PayloadReader in) throws IkeDecodeException {
        int number = in.u8("proposal number");
        ProtocolId protocol = ProtocolId.valueOf(in.u8("protocol id"));
        int spiSize = in.u8("SPI size");
        int count = in.u8("transform count");
        Bytes spi = in.bytes(spiSize, "proposal SPI");
        List<Transform> transforms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int more = in.u8("transform last substruc");
            if (more != (i == count - 1 ? LAST_SUBSTRUCTURE : MORE_TRANSFORMS)) {
                throw IkeDecodeException.invalidSyntax("transform " + (i + 1) + " of " + count + " last substruc " + more);
            }
            in.skip(1, "transform reserved");
            int length = in.u16("transform length");
            if (length < TRANSFORM_HEADER) {
                throw IkeDecodeException.invalidSyntax("transform length " + length);
            }
            transforms.add(decodeTransform(in.slice(length - 4, "transform")));
        }
        in.expectEnd("proposal " + number);
        return new Proposal(number, protocol, spi, transforms);
    }

    private static Transform decodeTransform(PayloadReader in) throws IkeDecodeException {
        TransformType type = TransformType.valueOf(in.u8("transform type"));
        in.skip(1, "transform reserved");
        int id = in.u16("transform id");
        List<TransformAttribute> attributes = new ArrayList<>();
        while (in.remaining() > 0) {
            if (attributes.size() == MAX_ATTRIBUTES) {
                throw IkeDecodeException.invalidSyntax("more than " + MAX_ATTRIBUTES + " transform attributes");
            }
            int typeField = in.u16("attribute type");
            boolean tv = (typeField & 0x8000) != 0;
            Bytes value = tv ? in.bytes(2, "attribute value") : in.bytes(in.u16("attribute length"), "attribute value");
            attributes.add(new TransformAttribute(typeField & 0x7FFF, tv, value));
        }
        return new Transform(type, id, attributes);
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        for (int p = 0; p < proposals.size(); p++) {
            Proposal proposal = proposals.get(p);
            int start = out.size();
            out.u8(p == proposals.size() - 1 ? LAST_SUBSTRUCTURE : MORE_PROPOSALS).zeros(1).u16(0)
                    .u8(proposal.number()).u8(proposal.protocol().value()).u8(proposal.spi().length())
                    .u8(proposal.transforms().size()).bytes(proposal.spi());
            List<Transform> transforms = proposal.transforms();
            for (int t = 0; t < transforms.size(); t++) {
                encodeTransform(out, transforms.get(t), t == transforms.size() - 1);
            }
            out.patchU16(start + 2, out.size() - start);
        }
    }

    private static void encodeTransform(PayloadWriter out, Transform transform, boolean last) {
        int start = out.size();
        out.u8(last ? LAST_SUBSTRUCTURE : MORE_TRANSFORMS).zeros(1).u16(0)
                .u8(transform.type().value()).zeros(1).u16(transform.id());
        for (TransformAttribute a : transform.attributes()) {
            if (a.tv()) {
                out.u16(0x8000 | a.type()).bytes(a.value());
            } else {
                out.u16(a.type()).u16(a.value().length()).bytes(a.value());
            }
        }
        out.patchU16(start + 2, out.size() - start);
    }

    @Override
    public PayloadType type() {
        return PayloadType.SA;
    }
}
