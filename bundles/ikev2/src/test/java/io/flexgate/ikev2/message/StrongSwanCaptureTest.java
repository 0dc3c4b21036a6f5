package io.flexgate.ikev2.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.IkeSaKeys;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.crypto.SkCipher;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.crypto.SkCipherPair;
import io.flexgate.ikev2.crypto.SkIntegrityException;
import io.flexgate.ikev2.crypto.TransformType;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decodes a real exchange between two strongSwan 6 daemons (client "alice" with EAP-MSCHAPv2, gateway
 * vpn.test), captured by the interop harness (shared/research/interop/results/trace): the pcap, Wireshark's
 * key table for it and the gateway's own one-line summaries are copied under test resources/message.
 * Every message must decode, give the summary strongSwan logged, and re-encode to the same octets.
 */
class StrongSwanCaptureTest {

    private static final String INITIATOR = "198.18.0.2";

    private static List<PcapFile.Datagram> datagrams;
    private static List<String> gatewaySummaries;
    private static String[] keys;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StrongSwanCaptureTest.class.getResourceAsStream("/message/" + name)) {
            return in.readAllBytes();
        }
    }

    @BeforeAll
    static void load() throws IOException {
        datagrams = PcapFile.readIke(resource("ike-mschapv2.pcap"));
        gatewaySummaries = new String(resource("ike-mschapv2.gw-summaries.txt"), StandardCharsets.US_ASCII).lines().toList();
        // Wireshark's ikev2_decryption_table: SPIi, SPIr, SK_ei, SK_er, encryption, SK_ai, SK_ar, integrity
        keys = new String(resource("ikev2_decryption_table"), StandardCharsets.US_ASCII).trim().split(",");
    }

    /** Records what the cipher opened, to compare with our re-encoding of the inner payloads. */
    private static final class Recording implements SkCipher {
        private final SkCipher inner;
        final List<byte[]> opened = new ArrayList<>();

        Recording(SkCipher inner) {
            this.inner = inner;
        }

        @Override
        public int ivLength() {
            return inner.ivLength();
        }

        @Override
        public int icvLength() {
            return inner.icvLength();
        }

        @Override
        public int sealedLength(int plaintextLength) {
            return inner.sealedLength(plaintextLength);
        }

        @Override
        public byte[] seal(byte[] header, byte[] plaintext) {
            return inner.seal(header, plaintext);
        }

        @Override
        public byte[] open(byte[] header, byte[] body) throws SkIntegrityException {
            byte[] plain = inner.open(header, body);
            opened.add(plain);
            return plain;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** Decodes datagrams 3.. of the capture with one inbound cipher per direction; exactly one fragment waits. */
    private static List<IkeMessage> decryptAll(SkCipher fromInitiatorCipher, SkCipher fromResponderCipher) {
        FragmentReassembler initiatorFragments = new FragmentReassembler(Clock.systemUTC());
        FragmentReassembler responderFragments = new FragmentReassembler(Clock.systemUTC());
        List<IkeMessage> messages = new ArrayList<>();
        int partials = 0;
        for (PcapFile.Datagram d : datagrams.subList(2, datagrams.size())) {
            boolean fromClient = d.source().equals(INITIATOR);
            DecodeResult r = IkeMessageCodec.decode(d.payload(), fromClient ? fromInitiatorCipher : fromResponderCipher,
                    fromClient ? initiatorFragments : responderFragments);
            if (r instanceof DecodeResult.Partial) {
                partials++;
                continue;
            }
            assertThat(r).as(IkeMessageCodec.summary(r)).isInstanceOf(DecodeResult.Ok.class);
            messages.add(((DecodeResult.Ok) r).message());
        }
        assertThat(partials).isEqualTo(1);
        return messages;
    }

    /**
     * The same with the crypto suite's SK ciphers, built by its factory from the transforms negotiated in
     * the capture's IKE_SA_INIT response and the key table's SK_ei / SK_er (the gateway's view).
     */
    @Test
    void theCryptoSuitesCiphersDecryptTheCaptureThroughTheCodec() throws Exception {
        IkeMessage response = ((DecodeResult.Ok) IkeMessageCodec.decode(datagrams.get(1).payload())).message();
        SaPayload.Proposal chosen = response.first(SaPayload.class).orElseThrow().proposals().get(0);
        SaPayload.Transform encr = chosen.transforms(TransformType.ENCR).get(0);
        IkeSaTransforms transforms = new IkeSaTransforms(EncrAlgorithm.valueOf(encr.id()), encr.keyLength().orElse(0),
                PrfAlgorithm.valueOf(chosen.transforms(TransformType.PRF).get(0).id()), IntegAlgorithm.NONE,
                DhGroup.valueOf(chosen.transforms(TransformType.KE).get(0).id()));
        Secret unused = Secret.copyOf(new byte[32]);
        IkeSaKeys table = new IkeSaKeys(unused, Secret.copyOf(new byte[0]), Secret.copyOf(new byte[0]),
                Secret.copyOf(HexFormat.of().parseHex(keys[2])), Secret.copyOf(HexFormat.of().parseHex(keys[3])), unused,
                unused);
        SkCipherFactory factory = new SkCipherFactory(CryptoSuite.defaults(), new SecureRandom());

        try (SkCipherPair gateway = factory.create(transforms, table, false);
                SkCipherPair client = factory.create(transforms, table, true)) {
            List<IkeMessage> messages = decryptAll(gateway.inbound(), client.inbound());

            assertThat(messages.stream().map(IkeMessage::summary).toList())
                    .isEqualTo(gatewaySummaries.subList(2, gatewaySummaries.size()));
            // and what the gateway's cipher seals, the client's opens
            IkeMessage last = messages.get(messages.size() - 1);
            DecodeResult again = IkeMessageCodec.decode(IkeMessageCodec.encode(last, gateway.outbound()),
                    client.inbound(), null);
            assertThat(again).isInstanceOf(DecodeResult.Ok.class);
        }
    }

    @Test
    void captureHoldsTheWholeExchange() {
        assertThat(keys[4]).isEqualTo("\"AES-GCM-128 with 16 octet ICV [RFC5282]\"");
        assertThat(datagrams).hasSize(15);
    }

    @Test
    void ikeSaInitMessagesDecodeAndReencodeToTheSameOctets() {
        for (int i = 0; i < 2; i++) {
            byte[] wire = datagrams.get(i).payload();
            DecodeResult r = IkeMessageCodec.decode(wire);
            assertThat(r).isInstanceOf(DecodeResult.Ok.class);
            IkeMessage m = ((DecodeResult.Ok) r).message();
            assertThat(m.summary()).isEqualTo(gatewaySummaries.get(i));
            assertThat(IkeMessageCodec.encode(m, null)).isEqualTo(wire);
        }
    }

    /** Values as Wireshark shows them in ike-mschapv2.decoded.txt, frame 1. */
    @Test
    void ikeSaInitRequestCarriesTheProposalAndKeyOfTheCapture() {
        IkeMessage m = ((DecodeResult.Ok) IkeMessageCodec.decode(datagrams.get(0).payload())).message();

        assertThat(m.header().initiatorSpi()).isEqualTo(Long.parseUnsignedLong(keys[0], 16));
        assertThat(m.header().responderSpi()).isZero();
        assertThat(m.header().initiator()).isTrue();
        SaPayload.Proposal p = m.first(SaPayload.class).orElseThrow().proposals().get(0);
        assertThat(p.protocol()).isEqualTo(ProtocolId.IKE);
        SaPayload.Transform encr = p.transforms(TransformType.ENCR).get(0);
        assertThat(EncrAlgorithm.valueOf(encr.id())).isEqualTo(EncrAlgorithm.ENCR_AES_GCM_16);
        assertThat(encr.keyLength()).contains(128);
        KePayload ke = m.first(KePayload.class).orElseThrow();
        assertThat(ke.group()).isEqualTo(DhGroup.CURVE25519);
        assertThat(ke.data()).isEqualTo(Bytes.ofHex("13ec6309d91bb5afc0fe07826615b9b0ce81b09c0a6b4b00da05dc7396bb9e10"));
        assertThat(m.notification(NotifyType.NAT_DETECTION_SOURCE_IP).orElseThrow().data())
                .isEqualTo(Bytes.ofHex("c74479ca063e4b1ffcb3da400ded2777bcc4cd9f"));
    }

    /**
     * Decrypts IKE_AUTH and INFORMATIONAL with SK_ei / SK_er of the key table (RFC 5282 AES-GCM) through the
     * codec, reassembles the RFC 7383 fragments of IKE_AUTH response 1, and compares every summary with the
     * gateway's log; the decrypted inner payloads must re-encode to the octets that were inside SK.
     */
    @Test
    void everyEncryptedMessageDecryptsToTheGatewaysSummaries() {
        Recording fromInitiator = new Recording(GcmTestCipher.ofHex(keys[2]));
        Recording fromResponder = new Recording(GcmTestCipher.ofHex(keys[3]));

        List<IkeMessage> messages = decryptAll(fromInitiator, fromResponder);

        assertThat(messages.stream().map(IkeMessage::summary).toList())
                .isEqualTo(gatewaySummaries.subList(2, gatewaySummaries.size()));
        // responder's openings: response 1 came as two SKF fragments, the others as one SK payload each
        java.io.ByteArrayOutputStream fragmented = new java.io.ByteArrayOutputStream();
        fragmented.writeBytes(fromResponder.opened.get(0));
        fragmented.writeBytes(fromResponder.opened.get(1));
        List<byte[]> opened = new ArrayList<>(fromInitiator.opened);
        opened.add(fragmented.toByteArray());
        opened.addAll(fromResponder.opened.subList(2, fromResponder.opened.size()));
        assertThat(opened).hasSameSizeAs(messages);
        for (IkeMessage m : messages) {
            byte[] inner = IkePayloadFactory.encodeChain(m.payloads());
            assertThat(opened).as(m.summary()).anySatisfy(o -> assertThat(o).isEqualTo(inner));
        }
        IkeMessage authRequest = messages.get(0);
        IdPayload idi = authRequest.first(IdPayload.class).orElseThrow();
        assertThat(idi.idType()).isEqualTo(IdType.ID_RFC822_ADDR);
        assertThat(new String(idi.data().toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("alice@mschapv2.test");
        IkeMessage lastAuth = messages.stream().filter(m -> m.header().response() && m.header().messageId() == 5)
                .findFirst().orElseThrow();
        ConfigPayload reply = lastAuth.first(ConfigPayload.class).orElseThrow();
        assertThat(reply.attributes(ConfigAttributeType.INTERNAL_IP4_ADDRESS).get(0).value()).isEqualTo(Bytes.ofHex("c0a80a05"));
    }
}
