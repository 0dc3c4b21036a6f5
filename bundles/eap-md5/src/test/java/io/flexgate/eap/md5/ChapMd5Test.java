package io.flexgate.eap.md5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The CHAP MD5 response of RFC 1994 section 4.1: MD5(Identifier || secret || Challenge). */
class ChapMd5Test {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Known answer computed independently with coreutils {@code md5sum} (and {@code openssl md5}) over the
     * octets 07 | "alice-pass" | 00 01 .. 0f, the input RFC 1994 section 4.1 defines.
     */
    @Test
    void matchesIndependentlyComputedHash() {
        byte[] challenge = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] response = ChapMd5.response(7, "alice-pass".getBytes(StandardCharsets.US_ASCII), challenge);
        assertThat(HEX.formatHex(response)).isEqualTo("a2b6861b770b1c8f0c726ebaf55cc898");
    }

    @Test
    void identifierIsPartOfTheHash() {
        byte[] challenge = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] secret = "alice-pass".getBytes(StandardCharsets.US_ASCII);
        assertThat(ChapMd5.response(8, secret, challenge)).isNotEqualTo(ChapMd5.response(7, secret, challenge));
    }
}
