package io.flexgate.aaa.radius.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flexgate.aaa.radius.packet.CiscoAuthorization;
import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusFormatException;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.aaa.radius.packet.RadiusSecurity;
import io.flexgate.aaa.radius.packet.VendorAttribute;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the RADIUS decoder and what the client and the dynamic-authorization server do with
 * a decoded packet (issue 13). A plain {@code mvn test} replays only the kept corpus
 * (src/test/resources/io/flexgate/aaa/radius/fuzz/RadiusPacketFuzzTestInputs/); {@code JAZZER_FUZZ=1} mutates it
 * (docs/security.md). The contract: a datagram either decodes to a packet that encodes back to the same octets
 * or is refused with a {@link RadiusFormatException}; so is every later step (authenticators, vendor
 * attributes, Cisco-AVPairs, MS-MPPE keys); no other exception escapes.
 */
class RadiusPacketFuzzTest {

    private static final byte[] SECRET = "fuzz-shared-secret".getBytes(StandardCharsets.US_ASCII);
    /** The Request Authenticator of the request the fuzzed responses answer. */
    private static final byte[] REQUEST_AUTHENTICATOR = new byte[RadiusPacket.AUTHENTICATOR_LENGTH];
    /** A Message-Authenticator attribute adds this much when a response is signed. */
    private static final int MESSAGE_AUTHENTICATOR_OCTETS = RadiusAttribute.HEADER + 16;

    static {
        Arrays.fill(REQUEST_AUTHENTICATOR, (byte) 0x5a);
    }

    /** Any datagram as received from a RADIUS server or a dynamic-authorization client, unauthenticated. */
    @FuzzTest(maxDuration = "45m", maxExecutions = 10_000_000)
    void decode(byte[] datagram) {
        RadiusPacket packet;
        try {
            packet = RadiusPacket.decode(datagram);
        } catch (RadiusFormatException e) {
            return;
        }
        byte[] encoded = packet.encode();
        assertThat(encoded).as("encode(decode(d)) is d without its padding")
                .isEqualTo(Arrays.copyOf(datagram, encoded.length));
        assertThat(packet.toString()).isNotEmpty();
        // The client's checks of a response (RadiusClient) and the server's of a Disconnect-/CoA-Request
        // (DynamicAuthorizationServer): a forged packet fails with RadiusFormatException only.
        refusedOrAccepted(() -> RadiusSecurity.verifyResponse(packet, REQUEST_AUTHENTICATOR, SECRET, true));
        if (packet.code().hashedRequest()) {
            refusedOrAccepted(() -> RadiusSecurity.verifyHashedRequest(packet, SECRET, false));
        }
        handleAccept(packet);
    }

    /**
     * Any packet signed with the right secret, as a server that knows it (or a compromised one) could send it:
     * past the authenticators, into the Access-Accept handling (RadiusGroup, RadiusEapAuthenticator).
     */
    @FuzzTest(maxDuration = "45m", maxExecutions = 10_000_000)
    void verifiedAccept(byte[] datagram) {
        RadiusPacket packet;
        try {
            packet = RadiusPacket.decode(datagram);
        } catch (RadiusFormatException e) {
            return;
        }
        if (packet.length() + MESSAGE_AUTHENTICATOR_OCTETS > RadiusPacket.MAX_LENGTH) {
            return; // no room for the Message-Authenticator the server would add
        }
        RadiusPacket accept = RadiusSecurity.signResponse(
                new RadiusPacket(RadiusCode.ACCESS_ACCEPT, packet.identifier(), packet.authenticator(), packet.attributes()),
                REQUEST_AUTHENTICATOR, SECRET);
        RadiusPacket received;
        try {
            received = RadiusPacket.decode(accept.encode());
        } catch (RadiusFormatException e) {
            throw new AssertionError("a packet we encoded does not decode: " + e.getMessage(), e);
        }
        assertThatCode(() -> RadiusSecurity.verifyResponse(received, REQUEST_AUTHENTICATOR, SECRET, true))
                .as("a correctly signed Access-Accept verifies").doesNotThrowAnyException();
        handleAccept(received);
    }

    /** What the client does with an Access-Accept: authorization attributes and the MS-MPPE keys. */
    private static void handleAccept(RadiusPacket accept) {
        refusedOrAccepted(() -> {
            CiscoAuthorization.from(accept);
        });
        refusedOrAccepted(() -> {
            for (int type : new int[] {VendorAttribute.MS_MPPE_RECV_KEY, VendorAttribute.MS_MPPE_SEND_KEY}) {
                List<VendorAttribute> keys = accept.vendorAttributes(VendorAttribute.MICROSOFT, type);
                if (!keys.isEmpty()) {
                    RadiusSecurity.saltDecrypt(keys.get(0).value(), SECRET, REQUEST_AUTHENTICATOR);
                }
            }
        });
    }

    private interface Step {
        void run() throws RadiusFormatException;
    }

    /** Runs a step that may refuse its input with RadiusFormatException and nothing else. */
    private static void refusedOrAccepted(Step step) {
        try {
            step.run();
        } catch (RadiusFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
