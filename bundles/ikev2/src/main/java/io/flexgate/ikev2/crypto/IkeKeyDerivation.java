package io.flexgate.ikev2.crypto;

import io.flexgate.api.Secret;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Key derivation of RFC 7296 with one negotiated PRF: prf+ (section 2.13), SKEYSEED and the IKE SA keys
 * (section 2.14), CHILD_SA KEYMAT with and without PFS (section 2.17), and the SKEYSEED of a rekeyed IKE SA
 * (section 2.18). Thread-safe. Intermediate key material is wiped; results are {@link Secret}s.
 */
public final class IkeKeyDerivation {

    /** prf+ appends a one-octet counter starting at 1, so it yields at most 255 blocks (RFC 7296 section 2.13). */
    public static final int PRF_PLUS_MAX_BLOCKS = 255;

    private final Prf prf;

    public IkeKeyDerivation(Prf prf) {
        this.prf = prf;
    }

    public Prf prf() {
        return prf;
    }

    /**
     * {@code prf+(key, seed)} truncated to {@code length} octets: T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S |
     * n). The caller owns and should wipe the result.
     *
     * @throws IllegalArgumentException when {@code length} needs more than {@value #PRF_PLUS_MAX_BLOCKS} blocks
     */
    public byte[] prfPlus(byte[] key, byte[] seed, int length) {
        int blocks = (length + prf.outputLength() - 1) / prf.outputLength();
        if (length < 0 || blocks > PRF_PLUS_MAX_BLOCKS) {
            throw new IllegalArgumentException("prf+ cannot yield " + length + " octets with " + prf.algorithm());
        }
        byte[] out = new byte[blocks * prf.outputLength()];
        byte[] previous = new byte[0];
        byte[] counter = new byte[1];
        try (KeyedMac mac = prf.withKey(key)) {
            for (int n = 1; n <= blocks; n++) {
                counter[0] = (byte) n;
                byte[] block = mac.update(previous).update(seed).update(counter).doFinal();
                System.arraycopy(block, 0, out, (n - 1) * prf.outputLength(), block.length);
                Arrays.fill(previous, (byte) 0);
                previous = block;
            }
        } finally {
            Arrays.fill(previous, (byte) 0);
        }
        if (out.length == length) {
            return out;
        }
        byte[] result = Arrays.copyOf(out, length);
        Arrays.fill(out, (byte) 0);
        return result;
    }

    /** {@code SKEYSEED = prf(Ni | Nr, g^ir)} (RFC 7296 section 2.14). */
    public Secret skeyseed(byte[] ni, byte[] nr, Secret sharedSecret) {
        byte[] key = concat(ni, nr);
        byte[] gir = sharedSecret.bytes();
        try {
            return owned(prf.compute(key, gir));
        } finally {
            Arrays.fill(gir, (byte) 0);
        }
    }

    /**
     * {@code SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)} for the new IKE SA of a CREATE_CHILD_SA rekey
     * (RFC 7296 section 2.18); Ni and Nr are the nonces of that exchange.
     */
    public Secret rekeySkeyseed(Secret oldSkD, Secret sharedSecret, byte[] ni, byte[] nr) {
        byte[] key = oldSkD.bytes();
        byte[] gir = sharedSecret.bytes();
        try {
            return owned(prf.compute(key, gir, ni, nr));
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(gir, (byte) 0);
        }
    }

    /**
     * {@code {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr)}
     * (RFC 7296 section 2.14). For a rekeyed IKE SA the SPIs are the new ones (section 2.18).
     */
    public IkeSaKeys ikeSaKeys(Secret skeyseed, byte[] ni, byte[] nr, long spiI, long spiR, IkeSaKeyLengths lengths) {
        byte[] seed = ByteBuffer.allocate(ni.length + nr.length + 16).put(ni).put(nr).putLong(spiI).putLong(spiR)
                .array();
        byte[] key = skeyseed.bytes();
        byte[] stream = prfPlus(key, seed, lengths.total());
        Arrays.fill(key, (byte) 0);
        try {
            Slicer s = new Slicer(stream);
            return new IkeSaKeys(s.next(lengths.skD()), s.next(lengths.skA()), s.next(lengths.skA()),
                    s.next(lengths.skE()), s.next(lengths.skE()), s.next(lengths.skP()), s.next(lengths.skP()));
        } finally {
            Arrays.fill(stream, (byte) 0);
        }
    }

    /**
     * CHILD_SA keys (RFC 7296 section 2.17): {@code KEYMAT = prf+(SK_d, Ni | Nr)}, or with PFS
     * {@code prf+(SK_d, g^ir (new) | Ni | Nr)}. The nonces are those of the IKE_AUTH's IKE_SA_INIT or of the
     * CREATE_CHILD_SA exchange.
     *
     * @param pfsSharedSecret the new exchange's g^ir, or {@code null} without PFS
     * @param encryptionKeyLength octets of each encryption key, AEAD salt included
     * @param integrityKeyLength  octets of each integrity key, 0 for AEAD
     */
    public ChildSaKeys childSaKeys(Secret skD, Secret pfsSharedSecret, byte[] ni, byte[] nr, int encryptionKeyLength,
            int integrityKeyLength) {
        byte[] gir = pfsSharedSecret == null ? new byte[0] : pfsSharedSecret.bytes();
        byte[] seed = concat(gir, ni, nr);
        byte[] key = skD.bytes();
        byte[] keymat = prfPlus(key, seed, 2 * (encryptionKeyLength + integrityKeyLength));
        Arrays.fill(gir, (byte) 0);
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(key, (byte) 0);
        try {
            Slicer s = new Slicer(keymat);
            return new ChildSaKeys(s.next(encryptionKeyLength), s.next(integrityKeyLength),
                    s.next(encryptionKeyLength), s.next(integrityKeyLength));
        } finally {
            Arrays.fill(keymat, (byte) 0);
        }
    }

    private static Secret owned(byte[] value) {
        try {
            return Secret.copyOf(value);
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** Cuts consecutive keys off a key stream. */
    private static final class Slicer {
        private final byte[] stream;
        private int offset;

        Slicer(byte[] stream) {
            this.stream = stream;
        }

        Secret next(int length) {
            byte[] part = Arrays.copyOfRange(stream, offset, offset + length);
            offset += length;
            return owned(part);
        }
    }
}
