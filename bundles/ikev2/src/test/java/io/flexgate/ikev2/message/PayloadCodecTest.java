package io.flexgate.ikev2.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.TransformType;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Symmetric decode/encode of every payload type (RFC 7296 section 3), parse-then-serialize as in bgpcep. */
class PayloadCodecTest {

    static List<IkePayload> payloads() {
        return TestMessages.everyPayload();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void encodeThenDecodeGivesTheSameRecordAndTheSameOctets(IkePayload payload) throws Exception {
        byte[] wire = IkePayloadFactory.encodeChain(List.of(payload));

        List<IkePayload> decoded = IkePayloadFactory.decodeChain(payload.type(), wire, 0, wire.length);

        assertThat(decoded).containsExactly(payload);
        assertThat(IkePayloadFactory.encodeChain(decoded)).isEqualTo(wire);
        assertThat((wire[2] & 0xFF) << 8 | wire[3] & 0xFF).as("payload length field").isEqualTo(wire.length);
    }

    @Test
    void aChainOfEveryPayloadRoundTrips() throws Exception {
        List<IkePayload> all = TestMessages.everyPayload();
        byte[] wire = IkePayloadFactory.encodeChain(all);

        assertThat(IkePayloadFactory.decodeChain(all.get(0).type(), wire, 0, wire.length)).isEqualTo(all);
    }

    /** RFC 7296 section 3.3.5: Key Length 128 as a TV attribute, 0x800E 0x0080. */
    @Test
    void aesGcmTransformCarriesKeyLengthAsTvAttribute() throws Exception {
        byte[] wire = HexFormat.of().parseHex("00000028" + "00000024" + "01010003"
                + "0300000c" + "01000014" + "800e0080"
                + "03000008" + "02000005"
                + "00000008" + "0400001f");

        SaPayload sa = (SaPayload) IkePayloadFactory.decodeChain(PayloadType.SA, wire, 0, wire.length).get(0);

        SaPayload.Transform encr = sa.proposals().get(0).transforms(TransformType.ENCR).get(0);
        assertThat(EncrAlgorithm.valueOf(encr.id())).isEqualTo(EncrAlgorithm.ENCR_AES_GCM_16);
        assertThat(encr.keyLength()).contains(128);
        assertThat(sa.proposals().get(0).transforms(TransformType.KE).get(0).idName()).isEqualTo(DhGroup.CURVE25519.name());
        assertThat(encr).hasToString("ENCR:ENCR_AES_GCM_16_128");
        assertThat(IkePayloadFactory.encodeChain(List.of(sa))).isEqualTo(wire);
    }

    /** RFC 7296 section 2.15: the AUTH payload signs ID type, 3 reserved octets and the data. */
    @Test
    void restOfIdPayloadIsTypeReservedAndData() {
        IdPayload id = new IdPayload(true, IdType.ANYCONNECT_PRIVATE, Bytes.ofHex("2a24"));

        assertThat(id.restOfPayload()).isEqualTo(HexFormat.of().parseHex("c90000002a24"));
        assertThat(id.type()).isEqualTo(PayloadType.IDI);
    }

    @Test
    void summariesUseStrongSwanTokens() {
        assertThat(NotifyPayload.of(NotifyType.INITIAL_CONTACT).summary()).isEqualTo("N(INIT_CONTACT)");
        assertThat(new NoncePayload(TestMessages.filled(16, 0)).summary()).isEqualTo("No");
        assertThat(new EapPayload(Bytes.ofHex("0101000501")).summary()).isEqualTo("EAP/REQ/ID");
        assertThat(new EapPayload(Bytes.ofHex("03050004")).summary()).isEqualTo("EAP/SUCC");
        assertThat(TestMessages.authRequest().summary())
                .isEqualTo("IKE_AUTH request 1 [ IDi N(INIT_CONTACT) CPRQ(ADDR DNS) SA TSi TSr ]");
    }
}
