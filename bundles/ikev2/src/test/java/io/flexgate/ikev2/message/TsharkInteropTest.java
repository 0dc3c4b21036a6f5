package io.flexgate.ikev2.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flexgate.ikev2.crypto.DhGroup;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's IKEv2 dissector is an independent parser: our encoded messages, written to a pcap, must
 * dissect without a malformed mark or an expert error, and the encrypted ones must decrypt with the keys
 * we give it (its ikev2_decryption_table). Skipped when tshark is not installed.
 */
class TsharkInteropTest {

    private static final byte[] KEY = TestMessages.filled(20, 77).toByteArray();
    private static final long TSHARK_TIMEOUT_SECONDS = 120;

    private static Optional<Path> tshark() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "tshark")).filter(Files::isExecutable).findFirst();
    }

    private static List<byte[]> ourMessages() {
        GcmTestCipher cipher = new GcmTestCipher(KEY);
        List<byte[]> out = new ArrayList<>();
        out.add(IkeMessageCodec.encode(TestMessages.saInitRequest(), null));
        out.add(IkeMessageCodec.encode(TestMessages.saInitResponse(), null));
        out.add(IkeMessageCodec.encode(new IkeMessage(IkeHeader.of(TestMessages.SPI_I, 0, ExchangeType.IKE_SA_INIT,
                false, true, 0), false, List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, Bytes.ofHex("001f")))), null));
        // every payload record in one cleartext message, so that the dissector checks each layout
        out.add(IkeMessageCodec.encode(new IkeMessage(IkeHeader.of(TestMessages.SPI_I, TestMessages.SPI_R,
                ExchangeType.INFORMATIONAL, true, false, 9), false, TestMessages.everyPayload()), null));
        out.add(IkeMessageCodec.encode(TestMessages.authRequest(), cipher));
        out.addAll(IkeMessageCodec.encodeFragmented(TestMessages.largeAuthResponse(), cipher, 1232));
        out.add(IkeMessageCodec.encode(new IkeMessage(IkeHeader.of(TestMessages.SPI_I, TestMessages.SPI_R,
                ExchangeType.CREATE_CHILD_SA, true, false, 2), true, List.of(TestMessages.espSa(),
                new NoncePayload(TestMessages.filled(32, 3)), new KePayload(DhGroup.CURVE25519, TestMessages.filled(32, 4)),
                TestMessages.authRequest().payloads().get(4), TestMessages.authRequest().payloads().get(5))), cipher));
        out.add(IkeMessageCodec.encode(new IkeMessage(IkeHeader.of(TestMessages.SPI_I, TestMessages.SPI_R,
                ExchangeType.INFORMATIONAL, true, false, 3), true, List.of(DeletePayload.ikeSa())), cipher));
        return out;
    }

    @Test
    void wiresharkDissectsOurMessagesWithoutErrors(@TempDir Path dir) throws Exception {
        Optional<Path> tshark = tshark();
        assumeTrue(tshark.isPresent(), "tshark is not installed");
        List<byte[]> messages = ourMessages();
        Path pcap = dir.resolve("flexgate-ike.pcap");
        Files.write(pcap, PcapFile.writeIke(messages));
        String key = HexFormat.of().formatHex(KEY);
        String table = String.format("uat:ikev2_decryption_table:%016x,%016x,%s,%s,"
                + "\"AES-GCM-128 with 16 octet ICV [RFC5282]\",,,\"NONE [RFC4306]\"",
                TestMessages.SPI_I, TestMessages.SPI_R, key, key);
        ProcessBuilder pb = new ProcessBuilder(tshark.get().toString(), "-n", "-r", pcap.toString(), "-V",
                "-o", table).redirectErrorStream(true);
        pb.environment().put("HOME", dir.toString());
        Path output = dir.resolve("tshark.txt");
        pb.redirectOutput(output.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(TSHARK_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (Files.isDirectory(Path.of("target"))) {
            Files.writeString(Path.of("target", "tshark-ike.txt"), text); // kept for reading after a failure
        }

        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).doesNotContain("Malformed").doesNotContain("Expert Info (Error")
                .doesNotContain("Decryption failed").doesNotContain("Checksum failed");
        assertThat(java.util.regex.Pattern.compile("(?m)^Frame \\d+:").matcher(text).results().count())
                .isEqualTo(messages.size());
        assertThat(text).doesNotContain("Expert Info");
        assertThat(text).contains("Identification - Initiator (35)", "Configuration (47)", "Extensible Authentication (48)",
                "Encrypted and Authenticated Fragment (53)", "Traffic Selector - Responder (45)", "Delete (42)",
                "Config Attribute (t=25,l=12)", "UNITY BANNER: hello", "Key Length: 256");
        assertThat(text).contains("Decrypted Data");
    }
}
