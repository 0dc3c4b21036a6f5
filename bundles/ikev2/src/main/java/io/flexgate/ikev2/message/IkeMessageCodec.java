package io.flexgate.ikev2.message;

import io.flexgate.ikev2.crypto.SkCipher;
import io.flexgate.ikev2.crypto.SkIntegrityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Encodes and decodes whole IKE messages (RFC 7296 section 3, RFC 7383 fragmentation), stateless: the
 * ciphers and the fragment reassembler belong to the IKE SA and are passed in. Decoding never throws —
 * every malformed datagram becomes a typed {@link DecodeResult}.
 */
public final class IkeMessageCodec {

    /** Largest datagram decoded: the IPv4 UDP maximum (an IKE length field beyond it cannot be real). */
    public static final int MAX_DATAGRAM_LENGTH = 65_535;
    /** Smallest datagram we fragment to: the IPv6 minimum MTU less IP and UDP headers (RFC 7383 2.5.1). */
    public static final int MIN_FRAGMENT_DATAGRAM = 1280 - 48;

    /** Start of the message of a failure that is a bug in a decoder, not a malformed input. */
    static final String DECODER_FAILURE = "decoder failure: ";

    private static final int SK_HEADER = IkeHeader.LENGTH + IkePayloadFactory.GENERIC_HEADER_LENGTH;
    private static final int SKF_HEADER = SK_HEADER + EncryptedFragmentPayload.FRAGMENT_FIELDS_LENGTH;

    private IkeMessageCodec() {
    }

    /**
     * Reads only the header, for SPI demultiplexing before the SA (and its ciphers) is known.
     *
     * @throws IkeDecodeException INVALID_SYNTAX for a short datagram or a length mismatch,
     *                            INVALID_MAJOR_VERSION for a version other than 2
     */
    public static IkeHeader decodeHeader(byte[] datagram) throws IkeDecodeException {
        if (datagram.length < IkeHeader.LENGTH || datagram.length > MAX_DATAGRAM_LENGTH) {
            throw IkeDecodeException.invalidSyntax("datagram of " + datagram.length + " octets");
        }
        IkeHeader h = IkeHeader.decode(new PayloadReader(datagram, 0, IkeHeader.LENGTH));
        if (h.majorVersion() != IkeHeader.MAJOR_VERSION) {
            throw IkeDecodeException.invalidMajorVersion(h.majorVersion());
        }
        if (h.length() != datagram.length) {
            throw IkeDecodeException.invalidSyntax("header length " + h.length() + " in a datagram of "
                    + datagram.length);
        }
        return h;
    }

    /** Decodes a message without SK (IKE_SA_INIT, unprotected notifications). */
    public static DecodeResult decode(byte[] datagram) {
        return decode(datagram, null, null);
    }

    /**
     * Decodes a message.
     *
     * @param datagram    the UDP payload (after the non-ESP marker on port 4500)
     * @param inbound     the peer's SK cipher of this IKE SA, null before keys exist
     * @param reassembler the IKE SA's fragment store, null when fragments are not accepted
     */
    public static DecodeResult decode(byte[] datagram, SkCipher inbound, FragmentReassembler reassembler) {
        IkeHeader header;
        try {
            header = decodeHeader(datagram);
        } catch (IkeDecodeException e) {
            return new DecodeResult.UnprotectedError(Optional.empty(), e);
        }
        try {
            return decode(header, datagram, inbound, reassembler, true);
        } catch (IkeDecodeException e) {
            return new DecodeResult.UnprotectedError(Optional.of(header), e);
        } catch (RuntimeException e) {
            // A bug in a payload decoder must not take the receive path down with it.
            return new DecodeResult.UnprotectedError(Optional.of(header), IkeDecodeException.invalidSyntax(
                    DECODER_FAILURE + e));
        }
    }

    private static DecodeResult decode(IkeHeader header, byte[] datagram, SkCipher inbound,
            FragmentReassembler reassembler, boolean fragmentsAllowed) throws IkeDecodeException {
        List<IkePayload> chain = IkePayloadFactory.decodeChain(header.nextPayload(), datagram, IkeHeader.LENGTH,
                datagram.length - IkeHeader.LENGTH);
        IkePayload last = chain.isEmpty() ? null : chain.get(chain.size() - 1);
        boolean framed = last instanceof EncryptedPayload || last instanceof EncryptedFragmentPayload
                || last instanceof CiscoFragmentPayload;
        if (!framed) {
            for (IkePayload p : chain) {
                if (isFraming(p)) {
                    // A Cisco fragment carries a Next Payload field, so it can sit anywhere in a chain.
                    throw IkeDecodeException.invalidSyntax(p.type() + " payload before the last payload");
                }
            }
            return checked(new IkeMessage(header, false, chain), false);
        }
        if (chain.size() != 1) {
            throw IkeDecodeException.invalidSyntax("cleartext payloads before " + last.type());
        }
        if (last instanceof CiscoFragmentPayload cisco) {
            return decodeCiscoFragment(header, cisco, inbound, reassembler, fragmentsAllowed);
        }
        if (inbound == null) {
            throw IkeDecodeException.invalidSyntax(last.type() + " payload without keys");
        }
        if (last instanceof EncryptedPayload sk) {
            byte[] plain;
            try {
                plain = open(inbound, datagram, sk.body());
            } catch (SkIntegrityException e) {
                return new DecodeResult.IntegrityFailure(header, e.getMessage());
            }
            return decodeInner(header, sk.firstInnerPayload(), plain);
        }
        EncryptedFragmentPayload skf = (EncryptedFragmentPayload) last;
        if (reassembler == null || !fragmentsAllowed) {
            throw IkeDecodeException.invalidSyntax("unexpected SKF payload");
        }
        byte[] plain;
        try {
            plain = open(inbound, datagram, skf.body());
        } catch (SkIntegrityException e) {
            return new DecodeResult.IntegrityFailure(header, e.getMessage());
        }
        Optional<FragmentReassembler.Reassembled> whole = reassembler.offer(header, skf, plain);
        if (whole.isEmpty()) {
            return new DecodeResult.Partial(header, skf.fragmentNumber(), skf.totalFragments());
        }
        return decodeInner(header.withPayloadAndLength(PayloadType.SK, header.length()),
                whole.get().firstInnerPayload(), whole.get().content());
    }

    private static byte[] open(SkCipher cipher, byte[] datagram, Bytes body) throws SkIntegrityException {
        int bodyStart = datagram.length - body.length();
        if (body.length() < cipher.ivLength() + cipher.icvLength()) {
            throw new SkIntegrityException("SK body of " + body.length() + " octets");
        }
        return cipher.open(Arrays.copyOf(datagram, bodyStart), body.toByteArray());
    }

    /** After the ICV verified, errors are protected: the peer proved it holds the keys. */
    private static DecodeResult decodeInner(IkeHeader header, PayloadType first, byte[] plain) {
        try {
            List<IkePayload> inner = IkePayloadFactory.decodeChain(first, plain, 0, plain.length);
            for (IkePayload p : inner) {
                if (isFraming(p)) {
                    throw IkeDecodeException.invalidSyntax(p.type() + " inside SK");
                }
            }
            return checked(new IkeMessage(header, true, inner), true);
        } catch (IkeDecodeException e) {
            return new DecodeResult.ProtectedError(header, e);
        }
    }

    /** SK, SKF and Cisco fragment payloads frame a message; IkeMessage refuses them as content. */
    private static boolean isFraming(IkePayload p) {
        return p instanceof EncryptedPayload || p instanceof EncryptedFragmentPayload || p instanceof CiscoFragmentPayload;
    }

    private static DecodeResult checked(IkeMessage message, boolean protectedMessage) throws IkeDecodeException {
        try {
            ExchangeRules.check(message);
        } catch (IkeDecodeException e) {
            if (protectedMessage) {
                return new DecodeResult.ProtectedError(message.header(), e);
            }
            throw e;
        }
        return new DecodeResult.Ok(message);
    }

    private static DecodeResult decodeCiscoFragment(IkeHeader header, CiscoFragmentPayload fragment,
            SkCipher inbound, FragmentReassembler reassembler, boolean fragmentsAllowed) throws IkeDecodeException {
        if (reassembler == null || !fragmentsAllowed) {
            throw IkeDecodeException.invalidSyntax("unexpected Cisco fragment");
        }
        Optional<FragmentReassembler.Reassembled> whole = reassembler.offer(header, fragment);
        if (whole.isEmpty()) {
            return new DecodeResult.Partial(header, fragment.fragmentNumber(), fragment.last() ? fragment.fragmentNumber() : 0);
        }
        // The pieces form the whole encrypted IKEv2 message, header included; it may not be fragmented again.
        byte[] message = whole.get().content();
        IkeHeader inner = decodeHeader(message);
        if (inner.initiatorSpi() != header.initiatorSpi() || inner.responderSpi() != header.responderSpi()) {
            throw IkeDecodeException.invalidSyntax("reassembled Cisco message of another IKE SA");
        }
        return decode(inner, message, inbound, reassembler, false);
    }

    /** Encodes a message in the clear, or inside one SK payload when it is {@code encrypted}. */
    public static byte[] encode(IkeMessage message, SkCipher outbound) {
        if (!message.encrypted()) {
            PayloadWriter out = new PayloadWriter();
            byte[] chain = IkePayloadFactory.encodeChain(message.payloads());
            message.header().encode(out, IkePayloadFactory.firstType(message.payloads()), IkeHeader.LENGTH + chain.length);
            return out.bytes(chain).toByteArray();
        }
        byte[] plain = IkePayloadFactory.encodeChain(message.payloads());
        int sealed = outbound.sealedLength(plain.length);
        PayloadWriter out = new PayloadWriter();
        message.header().encode(out, PayloadType.SK, SK_HEADER + sealed);
        out.u8(IkePayloadFactory.firstType(message.payloads()).value()).u8(0)
                .u16(IkePayloadFactory.GENERIC_HEADER_LENGTH + sealed);
        byte[] header = out.toByteArray();
        return out.bytes(outbound.seal(header, plain)).toByteArray();
    }

    /**
     * Encodes an encrypted message into datagrams of at most {@code maxDatagram} octets: one SK message when
     * it fits, RFC 7383 SKF fragments otherwise (each sealed on its own, section 2.5).
     *
     * @throws IllegalArgumentException when the message needs more than {@link FragmentReassembler#MAX_FRAGMENTS}
     */
    public static List<byte[]> encodeFragmented(IkeMessage message, SkCipher outbound, int maxDatagram) {
        if (!message.encrypted() || maxDatagram < MIN_FRAGMENT_DATAGRAM) {
            throw new IllegalArgumentException("only encrypted messages are fragmented, to at least "
                    + MIN_FRAGMENT_DATAGRAM + " octets");
        }
        byte[] plain = IkePayloadFactory.encodeChain(message.payloads());
        if (SK_HEADER + outbound.sealedLength(plain.length) <= maxDatagram) {
            return List.of(encode(message, outbound));
        }
        int chunk = maxDatagram - SKF_HEADER - outbound.ivLength() - outbound.icvLength();
        while (chunk > 0 && SKF_HEADER + outbound.sealedLength(chunk) > maxDatagram) {
            chunk--;
        }
        int total = (plain.length + chunk - 1) / chunk;
        if (total > FragmentReassembler.MAX_FRAGMENTS) {
            throw new IllegalArgumentException(total + " fragments needed, at most " + FragmentReassembler.MAX_FRAGMENTS);
        }
        PayloadType first = IkePayloadFactory.firstType(message.payloads());
        List<byte[]> datagrams = new ArrayList<>(total);
        for (int n = 1; n <= total; n++) {
            byte[] piece = Arrays.copyOfRange(plain, (n - 1) * chunk, Math.min(plain.length, n * chunk));
            int sealed = outbound.sealedLength(piece.length);
            PayloadWriter out = new PayloadWriter();
            message.header().encode(out, PayloadType.SKF, SKF_HEADER + sealed);
            out.u8(n == 1 ? first.value() : 0).u8(0)
                    .u16(IkePayloadFactory.GENERIC_HEADER_LENGTH + EncryptedFragmentPayload.FRAGMENT_FIELDS_LENGTH + sealed)
                    .u16(n).u16(total);
            byte[] header = out.toByteArray();
            datagrams.add(out.bytes(outbound.seal(header, piece)).toByteArray());
        }
        return List.copyOf(datagrams);
    }

    /** The summary of a datagram as received, for logs of messages that did not decode completely. */
    public static String summary(DecodeResult result) {
        if (result instanceof DecodeResult.Ok ok) {
            return ok.message().summary();
        }
        if (result instanceof DecodeResult.Partial p) {
            return IkeMessage.summary(p.header(), List.of("EF(" + p.received() + "/" + p.total() + ")"));
        }
        if (result instanceof DecodeResult.ProtectedError e) {
            return e.header().summaryPrefix() + " invalid: " + e.error().getMessage();
        }
        if (result instanceof DecodeResult.IntegrityFailure f) {
            return f.header().summaryPrefix() + " integrity check failed";
        }
        DecodeResult.UnprotectedError u = (DecodeResult.UnprotectedError) result;
        return u.header().map(IkeHeader::summaryPrefix).orElse("IKE datagram") + " invalid: " + u.error().getMessage();
    }
}
