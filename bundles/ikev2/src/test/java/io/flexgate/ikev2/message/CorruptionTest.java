package io.flexgate.ikev2.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.ikev2.crypto.DhGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Malformed messages, each made from a good IKE_SA_INIT request by one change (AOSP's approach): every one
 * must give a typed failure carrying the RFC 7296 notify type, and no exception may escape the codec.
 */
class CorruptionTest {

    private final byte[] good = IkeMessageCodec.encode(TestMessages.saInitRequest(), null);

    private static NotifyType unprotectedError(byte[] datagram) {
        DecodeResult r = IkeMessageCodec.decode(datagram);
        assertThat(r).isInstanceOf(DecodeResult.UnprotectedError.class);
        return ((DecodeResult.UnprotectedError) r).error().notifyType();
    }

    private static void setLength(byte[] datagram, int length) {
        datagram[24] = (byte) (length >>> 24);
        datagram[25] = (byte) (length >>> 16);
        datagram[26] = (byte) (length >>> 8);
        datagram[27] = (byte) length;
    }

    /** Offset of the generic header of payload {@code index} in the chain. */
    private int payloadOffset(int index) {
        int off = IkeHeader.LENGTH;
        for (int i = 0; i < index; i++) {
            off += (good[off + 2] & 0xFF) << 8 | good[off + 3] & 0xFF;
        }
        return off;
    }

    @Test
    void theGoodMessageDecodesAndReencodesToTheSameOctets() {
        DecodeResult r = IkeMessageCodec.decode(good);

        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        IkeMessage m = ((DecodeResult.Ok) r).message();
        assertThat(m.payloads()).isEqualTo(TestMessages.saInitRequest().payloads());
        assertThat(IkeMessageCodec.encode(m, null)).isEqualTo(good);
        assertThat(m.summary()).isEqualTo("IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) V ]");
    }

    @Test
    void everyTruncationIsInvalidSyntax() {
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            if (n >= IkeHeader.LENGTH) {
                setLength(cut, n);
            }
            assertThat(unprotectedError(cut)).as("truncated to %d", n).isEqualTo(NotifyType.INVALID_SYNTAX);
        }
    }

    @Test
    void headerLengthThatDisagreesWithTheDatagramIsInvalidSyntax() {
        byte[] bad = good.clone();
        setLength(bad, good.length + 1);
        assertThat(unprotectedError(bad)).isEqualTo(NotifyType.INVALID_SYNTAX);
    }

    @Test
    void payloadLengthBelowTheGenericHeaderOrBeyondTheMessageIsInvalidSyntax() {
        int sa = payloadOffset(0);
        for (int length : new int[] {0, 3, good.length, 0xFFFF}) {
            byte[] bad = good.clone();
            bad[sa + 2] = (byte) (length >>> 8);
            bad[sa + 3] = (byte) length;
            assertThat(unprotectedError(bad)).as("SA length %d", length).isEqualTo(NotifyType.INVALID_SYNTAX);
        }
    }

    @Test
    void trailingOctetsAfterTheLastPayloadAreInvalidSyntax() {
        byte[] bad = Arrays.copyOf(good, good.length + 4);
        setLength(bad, bad.length);
        assertThat(unprotectedError(bad)).isEqualTo(NotifyType.INVALID_SYNTAX);
    }

    @Test
    void nextPayloadPromisingMoreThanThereIsIsInvalidSyntax() {
        byte[] bad = good.clone();
        bad[payloadOffset(6)] = (byte) PayloadType.NOTIFY.value();
        assertThat(unprotectedError(bad)).isEqualTo(NotifyType.INVALID_SYNTAX);
    }

    private byte[] withUnknownLastPayload(boolean critical) {
        byte[] bad = Arrays.copyOf(good, good.length + 6);
        bad[payloadOffset(6)] = (byte) 200;
        int at = good.length;
        bad[at + 1] = (byte) (critical ? 0x80 : 0);
        bad[at + 3] = 6;
        bad[at + 4] = 0x42;
        bad[at + 5] = 0x43;
        setLength(bad, bad.length);
        return bad;
    }

    /** RFC 7296 section 2.5 and 3.10.1: the notification data is the one-octet payload type. */
    @Test
    void unknownCriticalPayloadIsUnsupportedCriticalPayloadNamingTheType() {
        DecodeResult r = IkeMessageCodec.decode(withUnknownLastPayload(true));

        assertThat(r).isInstanceOf(DecodeResult.UnprotectedError.class);
        IkeDecodeException e = ((DecodeResult.UnprotectedError) r).error();
        assertThat(e.notifyType()).isEqualTo(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD);
        assertThat(e.notifyData()).isEqualTo(Bytes.ofHex("c8"));
    }

    @Test
    void unknownNonCriticalPayloadSurvivesAndReencodes() {
        byte[] datagram = withUnknownLastPayload(false);

        DecodeResult r = IkeMessageCodec.decode(datagram);

        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        IkeMessage m = ((DecodeResult.Ok) r).message();
        assertThat(m.payloads(UnknownPayload.class)).containsExactly(
                new UnknownPayload(PayloadType.valueOf(200), false, Bytes.ofHex("4243")));
        assertThat(IkeMessageCodec.encode(m, null)).isEqualTo(datagram);
    }

    @Test
    void duplicateKeExchangeIsInvalidSyntax() {
        List<IkePayload> payloads = new ArrayList<>(TestMessages.saInitRequest().payloads());
        payloads.add(new KePayload(DhGroup.ECP_256, TestMessages.filled(64, 1)));
        byte[] bad = IkeMessageCodec.encode(new IkeMessage(TestMessages.saInitRequest().header(), false, payloads), null);

        assertThat(unprotectedError(bad)).isEqualTo(NotifyType.INVALID_SYNTAX);
    }

    /** RFC 7296 section 2.5: answer with the highest version we support. */
    @Test
    void majorVersionThreeIsInvalidMajorVersion() {
        byte[] bad = good.clone();
        bad[17] = 0x30;

        DecodeResult r = IkeMessageCodec.decode(bad);

        assertThat(r).isInstanceOf(DecodeResult.UnprotectedError.class);
        IkeDecodeException e = ((DecodeResult.UnprotectedError) r).error();
        assertThat(e.notifyType()).isEqualTo(NotifyType.INVALID_MAJOR_VERSION);
        assertThat(e.notifyData()).isEqualTo(Bytes.ofHex("02"));
    }

    @Test
    void proposalWithWrongTransformCountOrLastFlagIsInvalidSyntax() {
        int proposal = payloadOffset(0) + IkePayloadFactory.GENERIC_HEADER_LENGTH;
        byte[] count = good.clone();
        count[proposal + 7]++;
        assertThat(unprotectedError(count)).isEqualTo(NotifyType.INVALID_SYNTAX);
        byte[] last = good.clone();
        last[proposal] = 3;
        assertThat(unprotectedError(last)).isEqualTo(NotifyType.INVALID_SYNTAX);
    }

    @Test
    void nonceShorterThan128BitsIsInvalidSyntax() {
        List<IkePayload> payloads = new ArrayList<>(TestMessages.saInitRequest().payloads());
        payloads.set(2, new UnknownPayload(PayloadType.NONCE, false, TestMessages.filled(15, 0)));
        byte[] bad = IkeMessageCodec.encode(new IkeMessage(TestMessages.saInitRequest().header(), false, payloads), null);

        assertThat(unprotectedError(bad)).isEqualTo(NotifyType.INVALID_SYNTAX);
    }

    @Test
    void malformedSubstructuresAreInvalidSyntax() {
        List<UnknownPayload> bad = List.of(
                new UnknownPayload(PayloadType.TSI, false, Bytes.ofHex("01000000" + "07000f00" + "0000ffff" + "0000000000ffffffff")),
                new UnknownPayload(PayloadType.TSI, false, Bytes.ofHex("01000000" + "0b001000" + "0000ffff" + "00000000ffffffff")),
                new UnknownPayload(PayloadType.DELETE, false, Bytes.ofHex("03040002" + "c0ffee01")),
                new UnknownPayload(PayloadType.EAP, false, Bytes.ofHex("0201000901616c696365")),
                new UnknownPayload(PayloadType.CP, false, Bytes.ofHex("02000000" + "00010003" + "0a0000")),
                new UnknownPayload(PayloadType.SKF, false, Bytes.ofHex("00030002" + "00")),
                new UnknownPayload(PayloadType.NOTIFY, false, Bytes.ofHex("0304" + "4000" + "c0ff")));
        for (UnknownPayload p : bad) {
            byte[] chain = IkePayloadFactory.encodeChain(List.of(p));
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> IkePayloadFactory.decodeChain(p.type(), chain, 0, chain.length))
                    .as(p.type().name()).isInstanceOf(IkeDecodeException.class)
                    .extracting(e -> ((IkeDecodeException) e).notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX);
        }
    }

    @Test
    void tooManyPayloadsIsInvalidSyntax() {
        List<IkePayload> payloads = new ArrayList<>(TestMessages.saInitRequest().payloads());
        for (int i = 0; i < IkePayloadFactory.MAX_PAYLOADS; i++) {
            payloads.add(new UnknownPayload(PayloadType.valueOf(200), false, Bytes.EMPTY));
        }
        byte[] bad = IkeMessageCodec.encode(new IkeMessage(TestMessages.saInitRequest().header(), false, payloads), null);

        assertThat(unprotectedError(bad)).isEqualTo(NotifyType.INVALID_SYNTAX);
    }

    /** The codec turns an unexpected runtime exception into a result; the tests must still see it as a bug. */
    private static void assertNoDecoderFailure(DecodeResult r) {
        assertThat(r).isNotNull();
        if (r instanceof DecodeResult.UnprotectedError u) {
            assertThat(u.error().getMessage()).doesNotStartWith(IkeMessageCodec.DECODER_FAILURE);
        }
        if (r instanceof DecodeResult.ProtectedError p) {
            assertThat(p.error().getMessage()).doesNotStartWith(IkeMessageCodec.DECODER_FAILURE);
        }
    }

    /** Every single-bit and single-octet change: a typed result, never an exception. */
    @Test
    void everyCorruptedOctetGivesATypedResult() {
        for (int i = 0; i < good.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) mask;
                DecodeResult r = IkeMessageCodec.decode(bad);
                assertNoDecoderFailure(r);
                if (r instanceof DecodeResult.Ok ok) {
                    byte[] again = IkeMessageCodec.encode(ok.message(), null);
                    assertThat(IkeMessageCodec.decode(again)).isInstanceOf(DecodeResult.Ok.class);
                }
            }
        }
    }

    /** The same inside SK: the peer holds the keys, so every inner error must be a protected, typed one. */
    @Test
    void everyCorruptedOctetInsideSkGivesATypedResult() {
        byte[] key = TestMessages.filled(20, 5).toByteArray();
        GcmTestCipher receiver = new GcmTestCipher(key);
        int plainLength = IkePayloadFactory.encodeChain(TestMessages.authRequest().payloads()).length;
        for (int i = 0; i < plainLength; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                int at = i;
                GcmTestCipher corrupting = new GcmTestCipher(key) {
                    @Override
                    public byte[] seal(byte[] header, byte[] plaintext) {
                        byte[] bad = plaintext.clone();
                        bad[at] ^= (byte) mask;
                        return super.seal(header, bad);
                    }
                };
                DecodeResult r = IkeMessageCodec.decode(IkeMessageCodec.encode(TestMessages.authRequest(), corrupting),
                        receiver, null);
                assertNoDecoderFailure(r);
                assertThat(r).isInstanceOfAny(DecodeResult.Ok.class, DecodeResult.ProtectedError.class);
            }
        }
    }

    @Test
    void randomDatagramsGiveTypedResults() {
        Random random = new Random(7296);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[random.nextInt(400)];
            random.nextBytes(noise);
            if (noise.length >= IkeHeader.LENGTH) {
                noise[17] = 0x20;
                setLength(noise, noise.length);
            }
            assertNoDecoderFailure(IkeMessageCodec.decode(noise, new GcmTestCipher(new byte[20]), new FragmentReassembler(
                    java.time.Clock.systemUTC())));
        }
    }
}
