package io.flexgate.aaa.local;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The NT password hash, MD4 of the UTF-16LE password (RFC 2759 section 8.3, NtPasswordHash), the
 * credential MSCHAPv2 needs. It is unsalted and password-equivalent for MSCHAPv2: whoever reads it can log
 * in with MSCHAPv2 as that user, which is why the user database is owner-only.
 */
final class NtHash {

    static final int LENGTH = 16;

    private NtHash() {
    }

    static byte[] of(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        MD4Digest md4 = new MD4Digest();
        md4.update(bytes, 0, bytes.length);
        Arrays.fill(bytes, (byte) 0);
        byte[] out = new byte[LENGTH];
        md4.doFinal(out, 0);
        return out;
    }
}
