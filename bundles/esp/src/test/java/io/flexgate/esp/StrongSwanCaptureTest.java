package io.flexgate.esp;

import static io.flexgate.esp.TestTunnel.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.ChildSaSpec.Lifetime;
import io.flexgate.api.net.IpPrefix;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Decrypts ESP that strongSwan 5.9.8 (kernel-libipsec) sent in the shared interop trace
 * (research/interop/results/trace/: ike-mschapv2.pcap frames 14 and 15, keys from client-charon-mschapv2.log
 * at log level 4). The CHILD_SA keys are KEYMAT = prf+(SK_d, Ni | Nr) (RFC 7296 section 2.17) with
 * PRF_HMAC_SHA2_256, ESP AES_GCM_16_128 without ESN; CHILD_SA SPIs ca9dbc51 (to the responder) and 99316893.
 */
class StrongSwanCaptureTest {

    private static final byte[] SK_D = Hex.bytes("5ae60c7ff0f69ae6318100d18a4d4a65a4ee21444c991763fa80cc56b14e668d");
    private static final byte[] NI = Hex.bytes("11848d10045bc2d3d3ef97ba2eb1cb80f4d0f4493eecc0beaaba73b36506c889");
    private static final byte[] NR = Hex.bytes("277eeb0eb9411f2025164c84dbd60f344e2905e21407f1fe28ad5fe2074bcdfa");

    /** Frame 14: 198.18.0.2:4500 -> 198.18.0.1:4500, the client's first packet (ping 10.1.0.10). */
    private static final byte[] FRAME_14 = Hex.bytes("""
            ca9dbc51000000017eab411daccb98a115ab5fd8effec80ded80548f89b935967d8d306f9ebfc764ab8bf810050186d3
            d79f19a04c0378ceabbeea02dc6b608a2323e9879dc5eea42a6bb0154d98bca6038031c65a067b83db1e474e36c716a7
            3a4b140d981df284e5e4d4bb7457c67cc8fe63a609bf6706""");
    /** Frame 15: the responder's answer. */
    private static final byte[] FRAME_15 = Hex.bytes("""
            9931689300000001b6f7596de0e5909a82f41cdd75a44233439f3c0ba53294f1e6c6df07db7e68f0680fd7993b79ad58
            4093a95f3822397dea9afe95b7ad6aaa99113bec238948ed4fb0b1e3a66976e5ca49c7380f522132a94470bb750c3782
            d98a880bb724940b3d3f05180c935ad3421e39bde26d37fa""");

    /** prf+ of RFC 7296 section 2.13 with HMAC-SHA-256: T1 | T2 | ..., Tn = prf(K, Tn-1 | S | n). */
    private static byte[] prfPlus(byte[] key, byte[] seed, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int n = 1; out.size() < length; n++) {
            mac.update(t);
            mac.update(seed);
            mac.update((byte) n);
            t = mac.doFinal();
            out.write(t);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    @Test
    void decryptsBothDirectionsOfTheCapturedPing() throws Exception {
        byte[] seed = new byte[NI.length + NR.length];
        System.arraycopy(NI, 0, seed, 0, NI.length);
        System.arraycopy(NR, 0, seed, NI.length, NR.length);
        byte[] keymat = prfPlus(SK_D, seed, 40);
        Secret initiatorKey = Secret.copyOf(Arrays.copyOfRange(keymat, 0, 20));
        Secret responderKey = Secret.copyOf(Arrays.copyOfRange(keymat, 20, 40));
        Secret none = Secret.copyOf(new byte[0]);
        InetSocketAddress gw = new InetSocketAddress("198.18.0.1", 4500);
        InetSocketAddress cli = new InetSocketAddress("198.18.0.2", 4500);
        List<IpPrefix> clientTs = List.of(IpPrefix.parse("192.168.10.5/32"));
        List<IpPrefix> corporateTs = List.of(IpPrefix.parse("10.0.0.0/8"));

        try (TestTunnel t = new TestTunnel()) {
            // We are the responder: inbound packets carry the initiator's key.
            t.gateway.install(new ChildSaSpec(1, "Virtual-Template100", "Virtual-Access1", 0xca9dbc51, 0x99316893,
                    EspAlgorithm.ENCR_AES_GCM_16, 128, 0, false, initiatorKey, none, responderKey, none, gw, cli, true,
                    corporateTs, clientTs, Lifetime.IOS_DEFAULT, ReplayWindow.DEFAULT_SIZE), t.gatewayEvents);
            t.client.install(new ChildSaSpec(2, "Virtual-Template1", "Virtual-Access1", 0x99316893, 0xca9dbc51,
                    EspAlgorithm.ENCR_AES_GCM_16, 128, 0, false, responderKey, none, initiatorKey, none, cli, gw, true,
                    clientTs, corporateTs, Lifetime.IOS_DEFAULT, ReplayWindow.DEFAULT_SIZE), t.clientEvents);

            t.gateway.receiveEncapsulated(ByteBuffer.wrap(FRAME_14), cli, gw);
            byte[] request = written(t.gatewayDevice());
            t.client.receiveEncapsulated(ByteBuffer.wrap(FRAME_15), gw, cli);
            byte[] reply = written(t.clientDevice());

            // IPv4 ICMP echo request 192.168.10.5 -> 10.1.0.10 and its reply, 84 octets each (ping -s 56).
            assertThat(request).hasSize(84);
            assertThat(Hex.of(request, 12, 8)).isEqualTo("c0a80a050a01000a");
            assertThat(request[9]).isEqualTo((byte) 1);
            assertThat(request[20]).isEqualTo((byte) 8);
            assertThat(reply).hasSize(84);
            assertThat(Hex.of(reply, 12, 8)).isEqualTo("0a01000ac0a80a05");
            assertThat(reply[20]).isEqualTo((byte) 0);
            // The reply echoes the request's identifier, sequence number and data.
            assertThat(Arrays.copyOfRange(reply, 24, 84)).isEqualTo(Arrays.copyOfRange(request, 24, 84));
        }
    }
}
