package io.flexgate.eap.mschapv2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers for the MS-CHAPv2 and MPPE computations. */
class MsChapV2CryptoTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    // RFC 2759 section 9.2 (and the same values in RFC 3079 section 3.5.3)
    private static final String USER = "User";
    private static final char[] PASSWORD = "clientPass".toCharArray();
    private static final byte[] AUTH_CHALLENGE = HEX.parseHex("5B5D7C7D7B3F2F3E3C2C602132262628");
    private static final byte[] PEER_CHALLENGE = HEX.parseHex("21402324255E262A28295F2B3A337C7E");
    private static final String NT_HASH = "44EBBA8D5312B8D611474411F56989AE";
    private static final String NT_RESPONSE = "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF";

    @Test
    void rfc2759NtPasswordHash() {
        assertThat(HEX.formatHex(MsChapV2Crypto.ntPasswordHash(PASSWORD))).isEqualTo(NT_HASH);
    }

    @Test
    void rfc2759PasswordHashHash() {
        assertThat(HEX.formatHex(MsChapV2Crypto.hashNtPasswordHash(HEX.parseHex(NT_HASH))))
                .isEqualTo("41C00C584BD2D91C4017A2A12FA59F3F");
    }

    @Test
    void rfc2759ChallengeHash() {
        assertThat(HEX.formatHex(MsChapV2Crypto.challengeHash(PEER_CHALLENGE, AUTH_CHALLENGE, USER)))
                .isEqualTo("D02E4386BCE91226");
    }

    @Test
    void rfc2759NtResponse() {
        assertThat(HEX.formatHex(MsChapV2Crypto.generateNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, USER,
                HEX.parseHex(NT_HASH)))).isEqualTo(NT_RESPONSE);
    }

    @Test
    void rfc2759AuthenticatorResponse() {
        byte[] response = MsChapV2Crypto.authenticatorResponse(HEX.parseHex(NT_HASH), HEX.parseHex(NT_RESPONSE),
                PEER_CHALLENGE, AUTH_CHALLENGE, USER);
        assertThat(MsChapV2Crypto.authenticatorResponseText(response))
                .isEqualTo("S=407A5589115FD0D6209F510FE9C04566932CDA56");
    }

    @Test
    void rfc2759DomainPrefixIsNotHashed() {
        assertThat(MsChapV2Crypto.challengeHash(PEER_CHALLENGE, AUTH_CHALLENGE, "CORP\\User"))
                .isEqualTo(MsChapV2Crypto.challengeHash(PEER_CHALLENGE, AUTH_CHALLENGE, USER));
        assertThat(MsChapV2Crypto.userNameWithoutDomain("CORP\\User")).isEqualTo("User");
        assertThat(MsChapV2Crypto.userNameWithoutDomain("user@example.com")).isEqualTo("user@example.com");
    }

    @Test
    void rfc3079MasterKey() {
        assertThat(HEX.formatHex(MsChapV2Crypto.masterKey(HEX.parseHex(NT_HASH), HEX.parseHex(NT_RESPONSE))))
                .isEqualTo("FDECE3717A8C838CB388E527AE3CDD31");
    }

    /** RFC 3079 section 3.5.3 lists SendStartKey128, the server's send key (= the client's receive key). */
    @Test
    void rfc3079SendStartKey() {
        byte[] master = HEX.parseHex("FDECE3717A8C838CB388E527AE3CDD31");
        String serverSend = HEX.formatHex(MsChapV2Crypto.asymmetricStartKey(master, true, true));
        assertThat(serverSend).isEqualTo("8B7CDC149B993A1BA118CB153F56DCCB");
        assertThat(HEX.formatHex(MsChapV2Crypto.asymmetricStartKey(master, false, false))).isEqualTo(serverSend);
        assertThat(MsChapV2Crypto.asymmetricStartKey(master, false, true))
                .isEqualTo(MsChapV2Crypto.asymmetricStartKey(master, true, false))
                .isNotEqualTo(HEX.parseHex(serverSend));
    }

    @Test
    void mskIsReceiveKeySendKeyAndZeros() {
        byte[] master = HEX.parseHex("FDECE3717A8C838CB388E527AE3CDD31");
        byte[] msk = MsChapV2Crypto.msk(HEX.parseHex(NT_HASH), HEX.parseHex(NT_RESPONSE));
        assertThat(msk).hasSize(64);
        assertThat(Arrays.copyOfRange(msk, 0, 16)).isEqualTo(MsChapV2Crypto.asymmetricStartKey(master, false, true));
        assertThat(HEX.formatHex(Arrays.copyOfRange(msk, 16, 32))).isEqualTo("8B7CDC149B993A1BA118CB153F56DCCB");
        assertThat(Arrays.copyOfRange(msk, 32, 64)).isEqualTo(new byte[32]);
    }

    /**
     * A real strongSwan 5.9.8 EAP-MSCHAPv2 login (user alice, password alice-pass), from the decrypted capture
     * /work/shared/research/interop/results/trace/ike-mschapv2.decoded.txt (frames 7-9) and the MSK the
     * client logged as the AUTH "secret" in client-charon-mschapv2.log.
     */
    @Test
    void strongSwanCaptureNtResponseAuthenticatorAndMsk() {
        byte[] authChallenge = HEX.parseHex("E074818A6C287C54B019EDBC33CAA147");
        byte[] peerChallenge = HEX.parseHex("350EB551139172647D717DBD5F5307CC");
        byte[] ntHash = MsChapV2Crypto.ntPasswordHash("alice-pass".toCharArray());
        byte[] ntResponse = MsChapV2Crypto.generateNtResponse(authChallenge, peerChallenge, "alice", ntHash);
        assertThat(HEX.formatHex(ntResponse)).isEqualTo("02163CDDCF0FDE4072DE1955D40F43CB95362A158AF69ABC");
        assertThat(MsChapV2Crypto.authenticatorResponseText(MsChapV2Crypto.authenticatorResponse(ntHash, ntResponse,
                peerChallenge, authChallenge, "alice"))).isEqualTo("S=5777DAC8F1874CD3DDDB276416903FE550EA41B8");
        assertThat(HEX.formatHex(MsChapV2Crypto.msk(ntHash, ntResponse))).isEqualTo(
                "33867C4B40E11F175FD7100FFCD3A8A58C9F416B93D31D6DFB64327CF5E67889" + "00".repeat(32));
    }

    @Test
    void desKeyHasOddParityAndKeepsTheSevenKeyOctets() {
        byte[] source = HEX.parseHex("FFFFFFFFFFFFFF00000000000000");
        assertThat(MsChapV2Crypto.desKey(source, 0)).isEqualTo(HEX.parseHex("FEFEFEFEFEFEFEFE"));
        assertThat(MsChapV2Crypto.desKey(source, 7)).isEqualTo(HEX.parseHex("0101010101010101"));
        byte[] mixed = MsChapV2Crypto.desKey(HEX.parseHex(NT_HASH), 0);
        for (byte b : mixed) {
            assertThat(Integer.bitCount(b & 0xFF) % 2).isEqualTo(1);
        }
    }
}
