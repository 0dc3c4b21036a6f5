package io.flexgate.api.ike;

import io.flexgate.api.session.SessionInfo;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A vendor extension of the IKEv2 engine, registered as a service (dynamic, multiple): the Cisco
 * AnyConnect bundle announces Cisco's vendor IDs through one; a vendor bundle dropped into
 * {@code deploy/} can add its own vendor IDs and configuration attributes the same way.
 *
 * <p>Called from IKE SA executors; implementations are thread-safe and fast (no I/O). An extension that
 * throws is logged and skipped for that message; the exchange goes on.
 */
@ConsumerType
public interface IkeExtension {

    /** Short name for logs and {@code flexgate:status}. */
    String name();

    /** Vendor ID payloads to add to our IKE_SA_INIT messages. */
    List<VendorId> vendorIds();

    /**
     * Names a peer's vendor ID this extension knows ({@code Cisco FlexVPN Supported}), for the log line
     * and the session's facts; empty when it does not know it.
     */
    Optional<String> describePeerVendorId(byte[] vendorId);

    /**
     * Extra configuration attributes for a CP(REPLY) to a peer (for example Cisco Unity attributes for a
     * client that announced Cisco's vendor IDs).
     *
     * @param session         the session being established (address already assigned)
     * @param requestedTypes  the attribute types the peer's CP(REQUEST) asked for
     */
    List<ConfigAttribute> configReplyAttributes(SessionInfo session, List<Integer> requestedTypes);

    /**
     * A vendor ID payload's data.
     *
     * @param value       the payload data, copied in and out
     * @param description what it is, for logs
     */
    record VendorId(byte[] value, String description) {
        public VendorId {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VendorId v && java.util.Arrays.equals(v.value, value) && v.description.equals(description);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(value) * 31 + description.hashCode();
        }

        @Override
        public String toString() {
            return description + " (" + java.util.HexFormat.of().formatHex(value) + ")";
        }
    }

    /**
     * One CP attribute (RFC 7296 section 3.15.1): a 15-bit type and its value.
     */
    record ConfigAttribute(int type, byte[] value) {
        public ConfigAttribute {
            if (type < 0 || type > 0x7FFF) {
                throw new IllegalArgumentException("CP attribute type " + type + " out of range 0..32767");
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConfigAttribute a && a.type == type && java.util.Arrays.equals(a.value, value);
        }

        @Override
        public int hashCode() {
            return type * 31 + java.util.Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "CP attribute " + type + " (" + value.length + " bytes)";
        }
    }
}
