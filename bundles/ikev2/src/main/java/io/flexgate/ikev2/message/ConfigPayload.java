package io.flexgate.ikev2.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Configuration payload CP (RFC 7296 section 3.15).
 *
 * @param cfgType    request, reply, set or ack
 * @param attributes the attributes in the order sent
 */
public record ConfigPayload(ConfigType cfgType, List<ConfigAttribute> attributes) implements IkePayload {

    /** Attributes in one CP payload; bounds work per message (a payload holds at most 16383 empty ones). */
    public static final int MAX_ATTRIBUTES = 512;

    /**
     * The value lengths RFC 7296 section 3.15.1 allows for fixed-size attributes (empty is always allowed:
     * it asks for a value). Other types, including Cisco Unity, are not checked.
     */
    private static final Map<Integer, Integer> FIXED_LENGTHS = Map.of(
            ConfigAttributeType.INTERNAL_IP4_ADDRESS.value(), 4,
            ConfigAttributeType.INTERNAL_IP4_NETMASK.value(), 4,
            ConfigAttributeType.INTERNAL_IP4_DNS.value(), 4,
            ConfigAttributeType.INTERNAL_IP4_NBNS.value(), 4,
            ConfigAttributeType.INTERNAL_IP4_DHCP.value(), 4,
            ConfigAttributeType.INTERNAL_IP6_ADDRESS.value(), 17,
            ConfigAttributeType.INTERNAL_IP6_DNS.value(), 16,
            ConfigAttributeType.INTERNAL_IP6_DHCP.value(), 16,
            ConfigAttributeType.INTERNAL_IP4_SUBNET.value(), 8,
            ConfigAttributeType.INTERNAL_IP6_SUBNET.value(), 17);

    public ConfigPayload {
        attributes = List.copyOf(attributes);
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException(attributes.size() + " attributes");
        }
    }

    /**
     * One configuration attribute (RFC 7296 section 3.15.1); the value is opaque octets, typed accessors
     * belong to the SA layer that knows what it asked for.
     *
     * @param type  the attribute type
     * @param value the value, empty in a request for any value
     */
    public record ConfigAttribute(ConfigAttributeType type, Bytes value) {

        public ConfigAttribute {
            if (value.length() > 0xFFFF) {
                throw new IllegalArgumentException("attribute value of " + value.length() + " octets");
            }
        }

        public static ConfigAttribute request(ConfigAttributeType type) {
            return new ConfigAttribute(type, Bytes.EMPTY);
        }
    }

    static ConfigPayload decode(PayloadReader in) throws IkeDecodeException {
        ConfigType cfgType = ConfigType.valueOf(in.u8("CFG type"));
        in.skip(3, "CP reserved");
        List<ConfigAttribute> attributes = new ArrayList<>();
        while (in.remaining() > 0) {
            if (attributes.size() == MAX_ATTRIBUTES) {
                throw IkeDecodeException.invalidSyntax("more than " + MAX_ATTRIBUTES + " CP attributes");
            }
            ConfigAttributeType type = ConfigAttributeType.valueOf(in.u16("CP attribute type") & 0x7FFF);
            Bytes value = in.bytes(in.u16("CP attribute length"), "CP attribute value");
            Integer fixed = FIXED_LENGTHS.get(type.value());
            if (fixed != null && !value.isEmpty() && value.length() != fixed) {
                throw IkeDecodeException.invalidSyntax(type + " of " + value.length() + " octets");
            }
            attributes.add(new ConfigAttribute(type, value));
        }
        return new ConfigPayload(cfgType, attributes);
    }

    /** The attributes of one type, in order. */
    public List<ConfigAttribute> attributes(ConfigAttributeType type) {
        return attributes.stream().filter(a -> a.type().equals(type)).toList();
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u8(cfgType.value()).zeros(3);
        for (ConfigAttribute a : attributes) {
            out.u16(a.type().value()).u16(a.value().length()).bytes(a.value());
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.CP;
    }

    /** strongSwan's form {@code CPRQ(ADDR DNS)}: each attribute type once, in first-seen order. */
    @Override
    public String summary() {
        Set<String> names = attributes.stream().map(a -> a.type().shortName())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        return cfgType.shortName() + "(" + String.join(" ", names) + ")";
    }
}
