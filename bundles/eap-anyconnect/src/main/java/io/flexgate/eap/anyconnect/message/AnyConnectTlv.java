package io.flexgate.eap.anyconnect.message;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One TLV of the AnyConnect-EAP type-data: {@code type(2) length(2) value}, big-endian (anchors.md
 * section 2.3, from the eap_anyconnect plugin of the strongSwan fork). The value is copied in and out.
 *
 * @param type  0 XML, 1 client signature, 3 PKCS#7 certificate chain; others are kept as they are
 * @param value the value octets
 */
public record AnyConnectTlv(int type, byte[] value) {

    /** The {@code config-auth} XML document. */
    public static final int XML = 0;
    /** The client's signature for certificate authentication (not served by FlexGate). */
    public static final int SIGNATURE = 1;
    /** The client's certificate chain as degenerate PKCS#7 (not served by FlexGate). */
    public static final int PKCS7 = 3;

    public AnyConnectTlv {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("TLV type " + type + " out of range 0..65535");
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("TLV value of " + value.length + " bytes does not fit a 16-bit length");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int encodedLength() {
        return AnyConnectTlvCodec.TLV_HEADER_LENGTH + value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnyConnectTlv t && t.type == type && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    /** Type and length only: the XML TLV of an auth-reply holds a password. */
    @Override
    public String toString() {
        return "TLV " + type + " (" + value.length + " bytes)";
    }

    /** Hex of the value, for TRACE logs of TLVs known to hold no secret. */
    public String valueHex() {
        return HexFormat.of().formatHex(value);
    }
}
