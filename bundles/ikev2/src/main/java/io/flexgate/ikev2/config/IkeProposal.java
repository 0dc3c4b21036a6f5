package io.flexgate.ikev2.config;

import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code crypto ikev2 proposal NAME}: the IKE SA algorithms FlexGate accepts, in order of preference.
 * An IOS proposal lists several algorithms per kind and stands for every combination of them.
 *
 * @param name       the proposal's name
 * @param ciphers    {@code encryption aes-cbc-256 aes-gcm-128 ...}
 * @param integrity  {@code integrity sha256 ...}; empty when every cipher is AEAD
 * @param prfs       {@code prf sha256 ...}; when absent IOS derives the PRF from the integrity algorithms,
 *                   and for AEAD-only proposals uses sha512 sha384 sha256 sha1
 * @param groups     {@code group 19 14 ...}
 */
public record IkeProposal(String name, List<Cipher> ciphers, List<IntegAlgorithm> integrity, List<PrfAlgorithm> prfs,
        List<DhGroup> groups) {

    public IkeProposal {
        ciphers = List.copyOf(ciphers);
        integrity = List.copyOf(integrity);
        prfs = List.copyOf(prfs);
        groups = List.copyOf(groups);
        if (ciphers.isEmpty() || groups.isEmpty()) {
            throw new IllegalArgumentException("crypto ikev2 proposal " + name + ": needs encryption and group");
        }
        boolean anyCbc = ciphers.stream().anyMatch(c -> !c.isAead());
        if (anyCbc && integrity.isEmpty()) {
            throw new IllegalArgumentException("crypto ikev2 proposal " + name
                    + ": a non-AEAD encryption needs an integrity algorithm");
        }
        if (!anyCbc && !integrity.isEmpty()) {
            throw new IllegalArgumentException("crypto ikev2 proposal " + name
                    + ": integrity cannot be combined with AEAD encryption only (RFC 5282)");
        }
        if (prfs.isEmpty()) {
            throw new IllegalArgumentException("crypto ikev2 proposal " + name + ": no PRF");
        }
    }

    /**
     * The IOS smart default proposal, widened to what the standard clients send: AEAD and CBC ciphers,
     * SHA-2 and SHA-1, ECP and MODP groups of at least 2048 bits and Curve25519. MODP-1024 (group 2, what
     * older Windows clients propose by default) is left out; a proposal must name it explicitly.
     */
    public static List<IkeProposal> smartDefaults() {
        List<PrfAlgorithm> prfs = List.of(PrfAlgorithm.PRF_HMAC_SHA2_512, PrfAlgorithm.PRF_HMAC_SHA2_384,
                PrfAlgorithm.PRF_HMAC_SHA2_256, PrfAlgorithm.PRF_HMAC_SHA1);
        List<DhGroup> groups = List.of(DhGroup.ECP_256, DhGroup.MODP_2048, DhGroup.ECP_384, DhGroup.ECP_521,
                DhGroup.CURVE25519, DhGroup.MODP_3072, DhGroup.MODP_4096);
        return List.of(
                new IkeProposal("default-aead",
                        List.of(new Cipher(EncrAlgorithm.ENCR_AES_GCM_16, 256), new Cipher(EncrAlgorithm.ENCR_AES_GCM_16, 128),
                                new Cipher(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 0)),
                        List.of(), prfs, groups),
                new IkeProposal("default",
                        List.of(new Cipher(EncrAlgorithm.ENCR_AES_CBC, 256), new Cipher(EncrAlgorithm.ENCR_AES_CBC, 192),
                                new Cipher(EncrAlgorithm.ENCR_AES_CBC, 128)),
                        List.of(IntegAlgorithm.AUTH_HMAC_SHA2_512_256, IntegAlgorithm.AUTH_HMAC_SHA2_384_192,
                                IntegAlgorithm.AUTH_HMAC_SHA2_256_128, IntegAlgorithm.AUTH_HMAC_SHA1_96),
                        prfs, groups));
    }

    /**
     * Builds a proposal from the IOS statements' words.
     *
     * @param encryption e.g. {@code ["aes-cbc-256", "aes-gcm-128"]}
     * @param integrity  e.g. {@code ["sha256"]}
     * @param prf        e.g. {@code ["sha256"]}, or empty to follow IOS: the integrity list's hashes
     * @param groups     e.g. {@code ["14", "19"]}
     * @throws IllegalArgumentException naming the word IOS would reject
     */
    public static IkeProposal parse(String name, List<String> encryption, List<String> integrity, List<String> prf,
            List<String> groups) {
        List<Cipher> ciphers = new ArrayList<>();
        for (String e : words(encryption)) {
            ciphers.add(cipher(name, e));
        }
        List<IntegAlgorithm> integ = new ArrayList<>();
        for (String i : words(integrity)) {
            integ.add(integrity(name, i));
        }
        List<PrfAlgorithm> prfs = new ArrayList<>();
        for (String p : words(prf)) {
            prfs.add(prf(name, p));
        }
        if (prfs.isEmpty()) {
            if (integ.isEmpty()) {
                prfs.addAll(smartDefaults().get(0).prfs());
            } else {
                for (String i : words(integrity)) {
                    prfs.add(prf(name, i));
                }
            }
        }
        List<DhGroup> dh = new ArrayList<>();
        for (String g : words(groups)) {
            dh.add(group(name, g));
        }
        return new IkeProposal(name, ciphers, integ, prfs, dh);
    }

    private static List<String> words(List<String> statements) {
        List<String> out = new ArrayList<>();
        for (String s : statements) {
            for (String w : s.trim().split("[\\s,]+")) {
                if (!w.isEmpty()) {
                    out.add(w.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    static Cipher cipher(String proposal, String word) {
        return switch (word) {
            case "aes-cbc-128" -> new Cipher(EncrAlgorithm.ENCR_AES_CBC, 128);
            case "aes-cbc-192" -> new Cipher(EncrAlgorithm.ENCR_AES_CBC, 192);
            case "aes-cbc-256" -> new Cipher(EncrAlgorithm.ENCR_AES_CBC, 256);
            case "aes-gcm-128" -> new Cipher(EncrAlgorithm.ENCR_AES_GCM_16, 128);
            case "aes-gcm-192" -> new Cipher(EncrAlgorithm.ENCR_AES_GCM_16, 192);
            case "aes-gcm-256" -> new Cipher(EncrAlgorithm.ENCR_AES_GCM_16, 256);
            case "chacha20-poly1305" -> new Cipher(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 0);
            default -> throw unknown(proposal, "encryption", word,
                    "aes-cbc-128|192|256, aes-gcm-128|192|256, chacha20-poly1305");
        };
    }

    static IntegAlgorithm integrity(String proposal, String word) {
        return switch (word) {
            case "sha1" -> IntegAlgorithm.AUTH_HMAC_SHA1_96;
            case "sha256" -> IntegAlgorithm.AUTH_HMAC_SHA2_256_128;
            case "sha384" -> IntegAlgorithm.AUTH_HMAC_SHA2_384_192;
            case "sha512" -> IntegAlgorithm.AUTH_HMAC_SHA2_512_256;
            default -> throw unknown(proposal, "integrity", word, "sha1, sha256, sha384, sha512");
        };
    }

    static PrfAlgorithm prf(String proposal, String word) {
        return switch (word) {
            case "sha1" -> PrfAlgorithm.PRF_HMAC_SHA1;
            case "sha256" -> PrfAlgorithm.PRF_HMAC_SHA2_256;
            case "sha384" -> PrfAlgorithm.PRF_HMAC_SHA2_384;
            case "sha512" -> PrfAlgorithm.PRF_HMAC_SHA2_512;
            default -> throw unknown(proposal, "prf", word, "sha1, sha256, sha384, sha512");
        };
    }

    static DhGroup group(String proposal, String word) {
        return switch (word) {
            case "2" -> DhGroup.MODP_1024;
            case "14" -> DhGroup.MODP_2048;
            case "15" -> DhGroup.MODP_3072;
            case "16" -> DhGroup.MODP_4096;
            case "19" -> DhGroup.ECP_256;
            case "20" -> DhGroup.ECP_384;
            case "21" -> DhGroup.ECP_521;
            case "31" -> DhGroup.CURVE25519;
            default -> throw unknown(proposal, "group", word, "2, 14, 15, 16, 19, 20, 21, 31");
        };
    }

    private static IllegalArgumentException unknown(String proposal, String what, String word, String known) {
        return new IllegalArgumentException("crypto ikev2 proposal " + proposal + ": unknown " + what + " '" + word
                + "' (supported: " + known + ")");
    }
}
