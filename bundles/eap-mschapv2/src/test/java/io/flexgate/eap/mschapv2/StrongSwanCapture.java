package io.flexgate.eap.mschapv2;

import java.util.HexFormat;

/**
 * One real EAP-MSCHAPv2 login of a strongSwan 5.9.8 client (alice / alice-pass) against a strongSwan server,
 * from the decrypted capture /work/shared/research/interop/results/trace/ike-mschapv2.decoded.txt, frames
 * 7-10, and the MSK the client logged as the AUTH secret (client-charon-mschapv2.log).
 */
final class StrongSwanCapture {

    static final String USER = "alice";
    static final String PASSWORD = "alice-pass";
    static final byte[] AUTH_CHALLENGE = hex("e074818a6c287c54b019edbc33caa147");
    static final byte[] PEER_CHALLENGE = hex("350eb551139172647d717dbd5f5307cc");
    /** Frame 7: EAP-Request id 129, Challenge, MS-CHAPv2-ID 129, name "strongSwan". */
    static final byte[] CHALLENGE_EAP = hex("01810024" + "1a" + "0181001f10" + "e074818a6c287c54b019edbc33caa147"
            + "7374726f6e675377616e");
    /** Frame 8: EAP-Response id 129, Response, name "alice". */
    static final byte[] RESPONSE_EAP = hex("02810040" + "1a" + "0281003b31" + "350eb551139172647d717dbd5f5307cc"
            + "0000000000000000" + "02163cddcf0fde4072de1955d40f43cb95362a158af69abc" + "00" + "616c696365");
    /** Frame 9: EAP-Request id 130, Success, MS-CHAPv2-ID 129; strongSwan sends the C string's final NUL. */
    static final byte[] SUCCESS_EAP = hex("01820049" + "1a" + "03810044"
            + "533d35373737444143384631383734434433444444423237363431363930334645353530454134314238"
            + "204d3d57656c636f6d65327374726f6e675377616e00");
    /** Frame 10: EAP-Response id 130, Success (OpCode only). */
    static final byte[] SUCCESS_ACK_EAP = hex("02820006" + "1a" + "03");
    static final String AUTHENTICATOR_RESPONSE = "S=5777DAC8F1874CD3DDDB276416903FE550EA41B8";
    static final byte[] MSK = hex("33867c4b40e11f175fd7100ffcd3a8a58c9f416b93d31d6dfb64327cf5e67889" + "00".repeat(32));

    private StrongSwanCapture() {
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }
}
