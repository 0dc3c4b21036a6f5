package io.flexgate.eap.anyconnect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The Cisco vendor IDs of IKE_SA_INIT (anchors.md section 2.2). All but FRAGMENTATION are ASCII sent raw;
 * FRAGMENTATION is MD5("FRAGMENTATION"). CISCO-GRE-MODE is recognised as a prefix, as the fork does.
 */
public enum CiscoVendorId {

    DELETE_REASON("CISCO-DELETE-REASON", ascii("CISCO-DELETE-REASON"), false),
    COPYRIGHT("Cisco Copyright", ascii("CISCO(COPYRIGHT)&Copyright (c) 2009 Cisco Systems, Inc."), false),
    /** Cisco's proprietary IKEv2 fragmentation (anchors.md 2.7). */
    FRAGMENTATION("Cisco Fragmentation", HexFormat.of().parseHex("4048b7d56ebce88525e7de7f00d6c2d3"), false),
    GRE_MODE("CISCO-GRE-MODE", ascii("CISCO-GRE-MODE"), true),
    ANYCONNECT_STRAP("CISCO-ANYCONNECT-STRAP", ascii("CISCO-ANYCONNECT-STRAP"), false),
    ANYCONNECT_EAP("CISCO-ANYCONNECT-EAP", ascii("CISCO-ANYCONNECT-EAP"), false),
    NGE_LEVEL("CISCO-NGE-LEVEL", ascii("CISCO-NGE-LEVEL"), false),
    FLEXVPN_SUPPORTED("Cisco FlexVPN Supported", ascii("FLEXVPN-SUPPORTED"), false),
    DYNAMIC_ROUTE("CISCO-DYNAMIC-ROUTE", ascii("CISCO-DYNAMIC-ROUTE"), false);

    private final String description;
    private final byte[] value;
    private final boolean prefix;

    CiscoVendorId(String description, byte[] value, boolean prefix) {
        this.description = description;
        this.value = value;
        this.prefix = prefix;
    }

    public String description() {
        return description;
    }

    /** The payload data, copied. */
    public byte[] value() {
        return value.clone();
    }

    /** Whether {@code data} is this vendor ID (or, for a prefix ID, starts with it). */
    public boolean matches(byte[] data) {
        if (prefix) {
            return data.length >= value.length && Arrays.equals(data, 0, value.length, value, 0, value.length);
        }
        return Arrays.equals(data, value);
    }

    /** The Cisco vendor ID {@code data} is, if any. */
    public static Optional<CiscoVendorId> of(byte[] data) {
        return Arrays.stream(values()).filter(v -> v.matches(data)).findFirst();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
