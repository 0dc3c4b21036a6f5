package io.flexgate.ikev2.crypto;

import io.flexgate.api.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Properties;

/** Test helpers: hex literals and the values of the real strongSwan exchange in test resources. */
final class Vectors {

    private static final Properties CAPTURE = load("/crypto/strongswan-capture.properties");

    private Vectors() {
    }

    /** Hex with optional spaces. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static Secret secret(String hex) {
        return Secret.copyOf(hex(hex));
    }

    /** A value of crypto/strongswan-capture.properties. */
    static byte[] capture(String name) {
        String value = CAPTURE.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + " in the capture");
        }
        return hex(value);
    }

    private static Properties load(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
