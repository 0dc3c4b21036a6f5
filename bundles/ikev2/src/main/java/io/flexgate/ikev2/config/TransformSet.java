package io.flexgate.ikev2.config;

import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code crypto ipsec transform-set NAME esp-aes 256 esp-sha256-hmac}: the ESP algorithms of CHILD_SAs.
 *
 * @param name      the transform set's name
 * @param cipher    the ESP cipher
 * @param integrity the ESP integrity algorithm; empty for AEAD ciphers
 * @param tunnel    {@code mode tunnel} (the default; transport mode is not supported for remote access)
 */
public record TransformSet(String name, Cipher cipher, Optional<IntegAlgorithm> integrity, boolean tunnel) {

    public TransformSet {
        if (cipher.isAead() == integrity.isPresent()) {
            throw new IllegalArgumentException("crypto ipsec transform-set " + name + ": "
                    + (cipher.isAead() ? "an AEAD cipher takes no esp-*-hmac" : "esp-aes needs an esp-*-hmac"));
        }
    }

    /**
     * Parses the words after the name, IOS style: {@code esp-aes [128|192|256] esp-sha256-hmac},
     * {@code esp-gcm [128|256]}, {@code esp-chacha20-poly1305}; {@code esp-aes} alone means AES-128 as in IOS.
     */
    public static TransformSet parse(String name, String transforms) {
        String[] w = transforms.trim().toLowerCase(Locale.ROOT).split("\\s+");
        Cipher cipher = null;
        IntegAlgorithm integ = null;
        for (int i = 0; i < w.length; i++) {
            String word = w[i];
            boolean hasBits = i + 1 < w.length && w[i + 1].matches("\\d+");
            switch (word) {
                case "esp-aes", "esp-gcm" -> {
                    int bits = hasBits ? Integer.parseInt(w[++i]) : 128;
                    if (bits != 128 && bits != 192 && bits != 256) {
                        throw new IllegalArgumentException("crypto ipsec transform-set " + name + ": key size " + bits
                                + " (use 128, 192 or 256)");
                    }
                    cipher = new Cipher(word.equals("esp-aes") ? EncrAlgorithm.ENCR_AES_CBC : EncrAlgorithm.ENCR_AES_GCM_16,
                            bits);
                }
                case "esp-chacha20-poly1305" -> cipher = new Cipher(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 0);
                case "esp-sha-hmac" -> integ = IntegAlgorithm.AUTH_HMAC_SHA1_96;
                case "esp-sha256-hmac" -> integ = IntegAlgorithm.AUTH_HMAC_SHA2_256_128;
                case "esp-sha384-hmac" -> integ = IntegAlgorithm.AUTH_HMAC_SHA2_384_192;
                case "esp-sha512-hmac" -> integ = IntegAlgorithm.AUTH_HMAC_SHA2_512_256;
                default -> throw new IllegalArgumentException("crypto ipsec transform-set " + name
                        + ": unknown transform '" + word + "' (supported: esp-aes [128|192|256], esp-gcm [128|256],"
                        + " esp-chacha20-poly1305, esp-sha-hmac, esp-sha256-hmac, esp-sha384-hmac, esp-sha512-hmac)");
            }
        }
        if (cipher == null) {
            throw new IllegalArgumentException("crypto ipsec transform-set " + name + ": no encryption transform");
        }
        return new TransformSet(name, cipher, Optional.ofNullable(integ), true);
    }

    /** The IOS form of the transforms: {@code esp-aes 256 esp-sha256-hmac}. */
    public String iosText() {
        int id = cipher.algorithm().value();
        String c = id == EncrAlgorithm.ENCR_AES_CBC.value() ? "esp-aes " + cipher.keyBits()
                : id == EncrAlgorithm.ENCR_CHACHA20_POLY1305.value() ? "esp-chacha20-poly1305"
                : "esp-gcm " + cipher.keyBits();
        return integrity.map(i -> c + " " + integWord(i)).orElse(c);
    }

    private static String integWord(IntegAlgorithm i) {
        int id = i.value();
        if (id == IntegAlgorithm.AUTH_HMAC_SHA1_96.value()) {
            return "esp-sha-hmac";
        }
        if (id == IntegAlgorithm.AUTH_HMAC_SHA2_256_128.value()) {
            return "esp-sha256-hmac";
        }
        if (id == IntegAlgorithm.AUTH_HMAC_SHA2_384_192.value()) {
            return "esp-sha384-hmac";
        }
        return "esp-sha512-hmac";
    }
}
