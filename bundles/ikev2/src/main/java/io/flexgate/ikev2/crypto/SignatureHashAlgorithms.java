package io.flexgate.ikev2.crypto;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data of the SIGNATURE_HASH_ALGORITHMS notify (RFC 7427 section 4: a list of 16-bit hash algorithm
 * numbers) and the choice of the scheme we sign with from what the peer announced.
 */
public final class SignatureHashAlgorithms {

    /** Most hash algorithms we read from one notify; the registry has five. */
    public static final int MAX_HASHES = 64;

    private SignatureHashAlgorithms() {
    }

    /** What we announce: SHA2-256, SHA2-384, SHA2-512 (RFC 8247 section 3.2 wants no SHA-1 signatures). */
    public static List<HashAlgorithm> announced() {
        return List.of(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_384, HashAlgorithm.SHA2_512);
    }

    public static byte[] encode(List<HashAlgorithm> hashes) {
        ByteBuffer data = ByteBuffer.allocate(2 * hashes.size());
        for (HashAlgorithm h : hashes) {
            data.putShort((short) h.value());
        }
        return data.array();
    }

    /** The announced hashes, or empty when the data is malformed (odd length, or more than {@link #MAX_HASHES}). */
    public static Optional<List<HashAlgorithm>> decode(byte[] notifyData) {
        if (notifyData.length % 2 != 0 || notifyData.length / 2 > MAX_HASHES) {
            return Optional.empty();
        }
        List<HashAlgorithm> hashes = new ArrayList<>(notifyData.length / 2);
        ByteBuffer data = ByteBuffer.wrap(notifyData);
        while (data.hasRemaining()) {
            hashes.add(HashAlgorithm.valueOf(data.getShort() & 0xffff));
        }
        return Optional.of(List.copyOf(hashes));
    }

    /**
     * The first scheme of {@code preference} that fits our key and uses a hash the peer announced. For EC keys
     * the hash matching the curve size (SHA-256 for P-256, SHA-384 for P-384, SHA-512 for P-521) comes first.
     * Empty when nothing fits: then RFC 7427 cannot be used and the caller falls back to method 1 (RSA).
     *
     * @param keyAlgorithm {@code RSA} or {@code EC}
     * @param keyBits      the key size (curve size for EC)
     */
    public static Optional<SignatureScheme> choose(List<HashAlgorithm> peerHashes, String keyAlgorithm, int keyBits,
            List<SignatureScheme> preference) {
        if ("EC".equals(keyAlgorithm)) {
            HashAlgorithm curveHash = keyBits <= 256 ? HashAlgorithm.SHA2_256
                    : keyBits <= 384 ? HashAlgorithm.SHA2_384 : HashAlgorithm.SHA2_512;
            Optional<SignatureScheme> matching = preference.stream()
                    .filter(s -> s.keyAlgorithm().equals(keyAlgorithm) && s.hash().equals(curveHash)
                            && peerHashes.contains(curveHash))
                    .findFirst();
            if (matching.isPresent()) {
                return matching;
            }
        }
        return preference.stream().filter(s -> s.keyAlgorithm().equals(keyAlgorithm) && peerHashes.contains(s.hash()))
                .findFirst();
    }
}
