package io.flexgate.esp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Known-answer tests of whole ESP packets. RFC 4106 has no packet vectors; its companion
 * draft-mcgrew-gcm-test-01 ("Test Cases for the use of GCM and GMAC in IPsec ESP") does, and RFC 7634
 * Appendix A and RFC 3602 section 4 carry ESP packets for ChaCha20-Poly1305 and AES-CBC.
 */
class EspKnownAnswerTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An IV source that always writes {@code iv} (the vectors fix the IV). */
    private static IvSource fixed(byte[] iv) {
        return (seq, out, off, length) -> System.arraycopy(iv, 0, out, off, length);
    }

    // RFC 7634 Appendix A: ESP example. SPI 0x01020304, sequence number 5, IV 1011121314151617,
    // KEYMAT = 32-octet key 80..9f followed by salt a0a1a2a3; the inner packet is an ICMP echo in IPv4.
    private static final byte[] RFC7634_KEYMAT = Hex.bytes("""
            808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f a0a1a2a3""");
    private static final byte[] RFC7634_INNER = Hex.bytes("""
            45000054a6f200004001e778c6336405c0000205 08005b7a3a080000553bec1000073627
            08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627
            28292a2b2c2d2e2f3031323334353637""");
    private static final byte[] RFC7634_PACKET = Hex.bytes("""
            0102030400000005 1011121314151617
            24039428b97f417e3c13753a4f05087b67c352e6a7fab1b982d466ef407ae5c6
            14ee8099d52844eb61aa95dfab4c02f72aa71e7c4c4f64c9befe2facc638e8f3
            cbec163fac469b502773f6fb94e664da9165b82829f641e0
            76aaa8266b7fb0f7b11b369907e1ad43""");

    @Test
    void rfc7634AppendixAChaCha20Poly1305SealsTheExamplePacket() throws Exception {
        EspAlgorithm alg = EspAlgorithm.of(EspAlgorithm.ENCR_CHACHA20_POLY1305, 256, 0);
        EspTransform t = alg.newTransform(RFC7634_KEYMAT, new byte[0], fixed(Hex.bytes("1011121314151617")), RANDOM);
        OutboundSa out = new OutboundSa(0x01020304, t, false, 4);

        byte[] packet = new byte[256];
        int n = out.seal(roomy(RFC7634_INNER), 0, RFC7634_INNER.length, EspPacket.NEXT_HEADER_IPV4, packet, 0);

        assertThat(Arrays.copyOf(packet, n)).isEqualTo(RFC7634_PACKET);
    }

    @Test
    void rfc7634AppendixAChaCha20Poly1305OpensTheExamplePacket() throws Exception {
        EspAlgorithm alg = EspAlgorithm.of(EspAlgorithm.ENCR_CHACHA20_POLY1305, 256, 0);
        InboundSa in = new InboundSa(0x01020304, alg.newTransform(RFC7634_KEYMAT, new byte[0], null, RANDOM), false,
                ReplayWindow.DEFAULT_SIZE);

        byte[] plain = new byte[256];
        int r = in.open(RFC7634_PACKET, 0, RFC7634_PACKET.length, plain, 0);

        assertThat(r).isNotNegative();
        assertThat(InboundSa.nextHeader(r)).isEqualTo(EspPacket.NEXT_HEADER_IPV4);
        assertThat(Arrays.copyOf(plain, InboundSa.payloadLength(r))).isEqualTo(RFC7634_INNER);
        assertThat(in.highestSequence()).isEqualTo(5);
    }

    /**
     * Seals {@code plaintext} (payload, padding and trailer as the vector gives them) with the transform
     * alone, so that vectors with any sequence number (also 2^64 - 1) and next header can be checked.
     */
    private static byte[] sealRaw(EspTransform t, int spi, long seq, boolean esn, byte[] plaintext) {
        byte[] packet = new byte[512];
        Octets.putInt(packet, 0, spi);
        Octets.putInt(packet, 4, (int) seq);
        int n = t.seal(plaintext, 0, plaintext.length, packet, 0, seq, esn);
        return Arrays.copyOf(packet, n);
    }

    /** The inner packet in a buffer with room for the ESP trailer after it. */
    static byte[] roomy(byte[] inner) {
        return Arrays.copyOf(inner, inner.length + OutboundSa.TRAILER_ROOM);
    }

    private static byte[] openRaw(EspTransform t, byte[] packet, long seq, boolean esn) {
        byte[] out = new byte[512];
        int n = t.open(packet, 0, packet.length, seq, esn, out, 0);
        assertThat(n).as("ICV verifies").isNotNegative();
        return Arrays.copyOf(out, n);
    }

    private static void gcmCase(String key, String salt, String iv, int spi, long seq, boolean esn, String plaintext,
            String packet) throws Exception {
        byte[] keymat = Hex.bytes(key + salt);
        EspAlgorithm alg = EspAlgorithm.of(EspAlgorithm.ENCR_AES_GCM_16, (keymat.length - 4) * 8, 0);
        byte[] expected = Hex.bytes(packet);
        byte[] sealed = sealRaw(alg.newTransform(keymat, new byte[0], fixed(Hex.bytes(iv)), RANDOM), spi, seq, esn,
                Hex.bytes(plaintext));
        assertThat(sealed).isEqualTo(expected);
        assertThat(openRaw(alg.newTransform(keymat, new byte[0], null, RANDOM), expected, seq, esn))
                .isEqualTo(Hex.bytes(plaintext));
    }

    @Test
    void gcmTestCase2Aes128() throws Exception {
        // draft-mcgrew-gcm-test-01 section 3, test case 2: AES-128, SPI 0000a5f8, 32-bit sequence number 0x0a.
        gcmCase("feffe9928665731c6d6a8f9467308308", "cafebabe", "facedbaddecaf888", 0x0000a5f8, 0x0a, false, """
                4500003e698f000080114dccc0a80102c0a801010a980035002a2343b2d00100
                0001000000000000037369700963796265726369747902646b00000100010001""", """
                0000a5f80000000afacedbaddecaf888
                deb22cd9b07c72c16e3a65beeb8df304a5a5897d33ae530f1ba76d5d114d2a5c
                3de81827c10e9a4f51330d0eec416642cfbb85a5b47e48a4ec3b9ba95d918bd1
                83b70d3aa8bc6ee4c309e9d85a41ad4a""");
    }

    @Test
    void gcmTestCase1Aes128WithExtendedSequenceNumber() throws Exception {
        // draft-mcgrew-gcm-test-01 test case 1: AES-128, 64-bit sequence number 0x8765432100000000 (ESN: the
        // AAD carries both halves, the packet only the low half).
        gcmCase("4c80cdefbb5d10da906ac73c3613a634", "2e443b68", "4956ed7e3b244cfe", 0x00004321, 0x8765432100000000L,
                true, """
                45000048699a000080114db7c0a80102c0a801010a9bf15638d3010000010000
                00000000045f736970045f756470037369700963796265726369747902646b00
                0021000101020201""", """
                00004321000000004956ed7e3b244cfe
                fecf537e729d5b07dc30df528dd22b768d1b98736696a6fd348509fa13ceac34
                cfa2436f14a3f3cf65925bf1f4a13c5d15b21e1884f5ff6247aeabb786b93bce
                61bc17d768fd9732459018148f6cbe722fd04796562dfdb4""");
    }

    @Test
    void gcmAes256WithHighestExtendedSequenceNumber() throws Exception {
        // draft-mcgrew-gcm-test-01: AES-256, SPI 796b6963, ESN sequence number 0xffffffffffffffff.
        gcmCase("6c6567616c697a656d6172696a75616e61616e64646f69746265666f72656961", "7475726e", "333021696765746d",
                0x796b6963, 0xffffffffffffffffL, true, """
                45000030da3a00008001df3bc0a80005c0a800010800c6cd0200070061626364
                65666768696a6b6c6d6e6f707172737401020201""", """
                796b6963ffffffff333021696765746d
                f97ab2aa356d8edce17644ac8c78e25dd24dedbb29ebf1b64a274b39b49c3a86
                4cd3d78ca4ae68a32b42458fb57dbe821dcc63b9d0937ba2945f669368661a32
                9fb4c053""");
    }

    @Test
    void rfc3602Case5AesCbcThenHmacSha256Icv() throws Exception {
        // RFC 3602 section 4, case #5: AES-128-CBC ESP packet (SPI 4321, sequence number 1, next header 1).
        // The RFC's packet has no ICV; ours appends HMAC-SHA-256-128 (RFC 4868) over all of it.
        byte[] key = Hex.bytes("90d382b410eeba7ad938c46cec1a82bf");
        byte[] integrityKey = new byte[32];
        Arrays.fill(integrityKey, (byte) 0x0b);
        byte[] payload = Hex.bytes("""
                08000ebda70a00008e9c083db95b070008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
                202122232425262728292a2b2c2d2e2f3031323334353637""");
        byte[] rfcPacket = Hex.bytes("""
                0000432100000001e96e8c08ab465763fd098d45dd3ff893
                f663c25d325c18c6a9453e194e120849a4870b66cc6b9965330013b4898dc856
                a4699e523a55db080b59ec3a8e4b7e52775b07d1db34ed9c538ab50c551b874a
                a269add047ad2d5913ac19b7cfbad4a6""");
        EspAlgorithm alg = EspAlgorithm.of(EspAlgorithm.ENCR_AES_CBC, 128, EspAlgorithm.AUTH_HMAC_SHA2_256_128);
        OutboundSa out = new OutboundSa(0x4321, alg.newTransform(key, integrityKey,
                fixed(Hex.bytes("e96e8c08ab465763fd098d45dd3ff893")), RANDOM), false, 0);

        byte[] packet = new byte[256];
        int n = out.seal(roomy(payload), 0, payload.length, 1, packet, 0);

        assertThat(n).isEqualTo(rfcPacket.length + 16);
        assertThat(Arrays.copyOf(packet, rfcPacket.length)).isEqualTo(rfcPacket);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(integrityKey, "HmacSHA256"));
        byte[] icv = Arrays.copyOf(mac.doFinal(rfcPacket), 16);
        assertThat(Arrays.copyOfRange(packet, rfcPacket.length, n)).isEqualTo(icv);

        InboundSa in = new InboundSa(0x4321, alg.newTransform(key, integrityKey, null, RANDOM), false, 64);
        byte[] plain = new byte[256];
        int r = in.open(packet, 0, n, plain, 0);
        assertThat(InboundSa.nextHeader(r)).isEqualTo(1);
        assertThat(Arrays.copyOf(plain, InboundSa.payloadLength(r))).isEqualTo(payload);
    }
}
