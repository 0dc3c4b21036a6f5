package io.flexgate.ikev2.config;

import io.flexgate.ikev2.crypto.EncrAlgorithm;

/**
 * An encryption transform with its key length, as a proposal or transform set names it.
 *
 * @param algorithm the ENCR transform
 * @param keyBits   the Key Length attribute (RFC 7296 section 3.3.5); 0 for ciphers without one
 */
public record Cipher(EncrAlgorithm algorithm, int keyBits) {

    /** True for combined-mode ciphers, which take no INTEG transform (RFC 5282). */
    public boolean isAead() {
        int id = algorithm.value();
        return id == EncrAlgorithm.ENCR_AES_GCM_8.value() || id == EncrAlgorithm.ENCR_AES_GCM_12.value()
                || id == EncrAlgorithm.ENCR_AES_GCM_16.value() || id == EncrAlgorithm.ENCR_CHACHA20_POLY1305.value();
    }

    /** IOS's name: {@code AES-CBC}, {@code AES-GCM}, {@code CHACHA20-POLY1305}. */
    public String iosName() {
        int id = algorithm.value();
        if (id == EncrAlgorithm.ENCR_AES_CBC.value()) {
            return "AES-CBC";
        }
        if (id == EncrAlgorithm.ENCR_CHACHA20_POLY1305.value()) {
            return "CHACHA20-POLY1305";
        }
        return isAead() ? "AES-GCM" : algorithm.name();
    }
}
