package io.flexgate.esp;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A raw symmetric key whose bytes this bundle can overwrite when the SA goes away.
 *
 * <p>{@code SecretKeySpec} keeps a private copy that JDK 17 cannot destroy; this key hands the JCE a
 * copy on every {@code init} (the providers wipe or drop those) and keeps the only long-lived copy here.
 */
final class WipeableKey implements SecretKey {

    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private final byte[] value;
    private volatile boolean destroyed;

    /** Copies {@code length} octets of {@code source} from {@code offset}. */
    WipeableKey(String algorithm, byte[] source, int offset, int length) {
        this.algorithm = algorithm;
        this.value = Arrays.copyOfRange(source, offset, offset + length);
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        return value.clone();
    }

    int length() {
        return value.length;
    }

    @Override
    public void destroy() {
        Arrays.fill(value, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** An all-zero key of the same size, used to overwrite the schedules cached inside Cipher and Mac. */
    WipeableKey zero() {
        return new WipeableKey(algorithm, new byte[value.length], 0, value.length);
    }

    @Override
    public String toString() {
        return "WipeableKey[" + algorithm + ", " + value.length + " bytes" + (destroyed ? ", destroyed]" : "]");
    }
}
