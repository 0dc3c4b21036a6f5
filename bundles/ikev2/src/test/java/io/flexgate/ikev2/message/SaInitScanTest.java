package io.flexgate.ikev2.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cookie front's scan of IKE_SA_INIT agrees with the full decoder: on strongSwan's real request, with a COOKIE
 * added, without KE, and on every truncation and thousands of corruptions of the request.
 */
class SaInitScanTest {

    private static byte[] request;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SaInitScanTest.class.getResourceAsStream("/message/ike-mschapv2.pcap")) {
            request = PcapFile.readIke(in.readAllBytes()).stream()
                    .filter(d -> d.source().equals("198.18.0.2") && d.destinationPort() == 500)
                    .findFirst().orElseThrow().payload();
        }
    }

    private static IkeMessage decode(byte[] datagram) {
        return ((DecodeResult.Ok) IkeMessageCodec.decode(datagram)).message();
    }

    private static SaInitScan scan(byte[] datagram) throws IkeDecodeException {
        return SaInitScan.of(datagram, IkeMessageCodec.decodeHeader(datagram));
    }

    private static byte[] withPayloads(IkeMessage m, List<IkePayload> payloads) {
        return IkeMessageCodec.encode(new IkeMessage(m.header(), false, payloads), null);
    }

    @Test
    void strongSwansRequestIsCompleteWithItsNonceAndNoCookie() throws Exception {
        IkeMessage m = decode(request);
        SaInitScan s = scan(request);

        assertThat(s.complete()).isTrue();
        assertThat(s.nonce()).contains(m.first(NoncePayload.class).orElseThrow().nonce());
        assertThat(s.cookie()).isEmpty();
    }

    @Test
    void aCookieIsFoundFirstOrAnywhere() throws Exception {
        IkeMessage m = decode(request);
        byte[] cookie = new byte[33];
        Arrays.fill(cookie, (byte) 0x5A);
        List<IkePayload> first = new ArrayList<>(List.of(NotifyPayload.of(NotifyType.COOKIE, Bytes.of(cookie))));
        first.addAll(m.payloads());
        List<IkePayload> last = new ArrayList<>(m.payloads());
        last.add(NotifyPayload.of(NotifyType.COOKIE, Bytes.of(cookie)));

        assertThat(scan(withPayloads(m, first)).cookie()).contains(Bytes.of(cookie));
        assertThat(scan(withPayloads(m, last)).cookie()).contains(Bytes.of(cookie));
        assertThat(scan(withPayloads(m, first)).complete()).isTrue();
    }

    @Test
    void withoutKeTheRequestIsIncomplete() throws Exception {
        IkeMessage m = decode(request);
        List<IkePayload> noKe = m.payloads().stream().filter(p -> !(p instanceof KePayload)).toList();

        SaInitScan s = scan(withPayloads(m, noKe));

        assertThat(s.hasSa()).isTrue();
        assertThat(s.hasKe()).isFalse();
        assertThat(s.complete()).isFalse();
    }

    @Test
    void everyTruncationIsRefusedOrAgreesWithTheDecoder() {
        for (int length = IkeHeader.LENGTH; length < request.length; length++) {
            byte[] cut = Arrays.copyOf(request, length);
            cut[24] = (byte) (length >>> 24);
            cut[25] = (byte) (length >>> 16);
            cut[26] = (byte) (length >>> 8);
            cut[27] = (byte) length;
            assertAgrees(cut);
        }
    }

    @Test
    void corruptionsAreRefusedOrAgreeWithTheDecoder() {
        Random random = new Random(7296);
        for (int i = 0; i < 20_000; i++) {
            byte[] bad = request.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bad[IkeHeader.LENGTH + random.nextInt(bad.length - IkeHeader.LENGTH)] = (byte) random.nextInt(256);
            }
            assertAgrees(bad);
        }
    }

    @Test
    void aChainThatOverrunsTheMessageIsInvalidSyntax() {
        byte[] bad = request.clone();
        bad[IkeHeader.LENGTH + 2] = (byte) 0xFF; // the SA payload claims more octets than follow
        assertThatThrownBy(() -> scan(bad)).isInstanceOf(IkeDecodeException.class).hasMessageContaining("payload length");
    }

    /** Whenever the full decoder accepts a message, the scan reads it and finds what the decoder found. */
    private static void assertAgrees(byte[] datagram) {
        DecodeResult full = IkeMessageCodec.decode(datagram);
        SaInitScan s;
        try {
            s = scan(datagram);
        } catch (IkeDecodeException e) {
            assertThat(full).as("scan refused what the decoder accepted: %s", e.getMessage())
                    .isNotInstanceOf(DecodeResult.Ok.class);
            return;
        }
        if (full instanceof DecodeResult.Ok ok) {
            IkeMessage m = ok.message();
            assertThat(s.hasSa()).isEqualTo(m.first(SaPayload.class).isPresent());
            assertThat(s.hasKe()).isEqualTo(m.first(KePayload.class).isPresent());
            assertThat(s.nonce()).isEqualTo(m.first(NoncePayload.class).map(NoncePayload::nonce));
            assertThat(s.cookie()).isEqualTo(m.notification(NotifyType.COOKIE).map(NotifyPayload::data));
        }
    }
}
