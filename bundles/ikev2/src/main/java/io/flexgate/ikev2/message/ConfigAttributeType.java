package io.flexgate.ikev2.message;

/**
 * IKEv2 Configuration Payload Attribute Types (IANA, RFC 7296 section 3.15.1 and later RFCs), an open
 * value; {@link #valueOf} never throws for 0..32767. The Cisco Unity numbers 28672..28682 (IKEv1
 * mode-config, named as in strongSwan's {@code attributes.h}) are named so that logs show them, but their
 * values stay opaque octets.
 */
public record ConfigAttributeType(int value) {

    private static final IanaNames NAMES = new IanaNames("ConfigAttributeType", 0x7FFF);

    public static final ConfigAttributeType INTERNAL_IP4_ADDRESS = new ConfigAttributeType(NAMES.add(1, "INTERNAL_IP4_ADDRESS", "ADDR"));
    public static final ConfigAttributeType INTERNAL_IP4_NETMASK = new ConfigAttributeType(NAMES.add(2, "INTERNAL_IP4_NETMASK", "MASK"));
    public static final ConfigAttributeType INTERNAL_IP4_DNS = new ConfigAttributeType(NAMES.add(3, "INTERNAL_IP4_DNS", "DNS"));
    public static final ConfigAttributeType INTERNAL_IP4_NBNS = new ConfigAttributeType(NAMES.add(4, "INTERNAL_IP4_NBNS", "NBNS"));
    public static final ConfigAttributeType INTERNAL_IP4_DHCP = new ConfigAttributeType(NAMES.add(6, "INTERNAL_IP4_DHCP", "DHCP"));
    public static final ConfigAttributeType APPLICATION_VERSION = new ConfigAttributeType(NAMES.add(7, "APPLICATION_VERSION", "VER"));
    public static final ConfigAttributeType INTERNAL_IP6_ADDRESS = new ConfigAttributeType(NAMES.add(8, "INTERNAL_IP6_ADDRESS", "ADDR6"));
    public static final ConfigAttributeType INTERNAL_IP6_DNS = new ConfigAttributeType(NAMES.add(10, "INTERNAL_IP6_DNS", "DNS6"));
    public static final ConfigAttributeType INTERNAL_IP6_DHCP = new ConfigAttributeType(NAMES.add(12, "INTERNAL_IP6_DHCP", "DHCP6"));
    public static final ConfigAttributeType INTERNAL_IP4_SUBNET = new ConfigAttributeType(NAMES.add(13, "INTERNAL_IP4_SUBNET", "SUBNET"));
    public static final ConfigAttributeType SUPPORTED_ATTRIBUTES = new ConfigAttributeType(NAMES.add(14, "SUPPORTED_ATTRIBUTES", "SUPP"));
    public static final ConfigAttributeType INTERNAL_IP6_SUBNET = new ConfigAttributeType(NAMES.add(15, "INTERNAL_IP6_SUBNET", "SUBNET6"));
    public static final ConfigAttributeType MIP6_HOME_PREFIX = new ConfigAttributeType(NAMES.add(16, "MIP6_HOME_PREFIX", "MIP6_HPREFIX"));
    public static final ConfigAttributeType INTERNAL_IP6_LINK = new ConfigAttributeType(NAMES.add(17, "INTERNAL_IP6_LINK", "IP6_LINK"));
    public static final ConfigAttributeType INTERNAL_IP6_PREFIX = new ConfigAttributeType(NAMES.add(18, "INTERNAL_IP6_PREFIX", "IP6_PREFIX"));
    public static final ConfigAttributeType HOME_AGENT_ADDRESS = new ConfigAttributeType(NAMES.add(19, "HOME_AGENT_ADDRESS", "HA_ADDR"));
    public static final ConfigAttributeType P_CSCF_IP4_ADDRESS = new ConfigAttributeType(NAMES.add(20, "P_CSCF_IP4_ADDRESS", "PCSCF4"));
    public static final ConfigAttributeType P_CSCF_IP6_ADDRESS = new ConfigAttributeType(NAMES.add(21, "P_CSCF_IP6_ADDRESS", "PCSCF6"));
    public static final ConfigAttributeType FTT_KAT = new ConfigAttributeType(NAMES.add(22, "FTT_KAT", "FTT_KAT"));
    public static final ConfigAttributeType EXTERNAL_SOURCE_IP4_NAT_INFO = new ConfigAttributeType(NAMES.add(23, "EXTERNAL_SOURCE_IP4_NAT_INFO", "EXT_SRC_NAT"));
    public static final ConfigAttributeType TIMEOUT_PERIOD_FOR_LIVENESS_CHECK = new ConfigAttributeType(NAMES.add(24, "TIMEOUT_PERIOD_FOR_LIVENESS_CHECK", "LIVENESS"));
    public static final ConfigAttributeType INTERNAL_DNS_DOMAIN = new ConfigAttributeType(NAMES.add(25, "INTERNAL_DNS_DOMAIN", "DNS_DOMAIN"));
    public static final ConfigAttributeType INTERNAL_DNSSEC_TA = new ConfigAttributeType(NAMES.add(26, "INTERNAL_DNSSEC_TA", "DNSSEC_TA"));
    public static final ConfigAttributeType ENCDNS_IP4 = new ConfigAttributeType(NAMES.add(27, "ENCDNS_IP4", "ENCDNS4"));
    public static final ConfigAttributeType ENCDNS_IP6 = new ConfigAttributeType(NAMES.add(28, "ENCDNS_IP6", "ENCDNS6"));
    public static final ConfigAttributeType ENCDNS_DIGEST_INFO = new ConfigAttributeType(NAMES.add(29, "ENCDNS_DIGEST_INFO", "ENCDNS_DIGEST"));
    public static final ConfigAttributeType UNITY_BANNER = new ConfigAttributeType(NAMES.add(28672, "UNITY_BANNER", "U_BANNER"));
    public static final ConfigAttributeType UNITY_SAVE_PASSWD = new ConfigAttributeType(NAMES.add(28673, "UNITY_SAVE_PASSWD", "U_SAVEPWD"));
    public static final ConfigAttributeType UNITY_DEF_DOMAIN = new ConfigAttributeType(NAMES.add(28674, "UNITY_DEF_DOMAIN", "U_DEFDOM"));
    public static final ConfigAttributeType UNITY_SPLITDNS_NAME = new ConfigAttributeType(NAMES.add(28675, "UNITY_SPLITDNS_NAME", "U_SPLITDNS"));
    public static final ConfigAttributeType UNITY_SPLIT_INCLUDE = new ConfigAttributeType(NAMES.add(28676, "UNITY_SPLIT_INCLUDE", "U_SPLITINC"));
    public static final ConfigAttributeType UNITY_NATT_PORT = new ConfigAttributeType(NAMES.add(28677, "UNITY_NATT_PORT", "U_NATTPORT"));
    public static final ConfigAttributeType UNITY_LOCAL_LAN = new ConfigAttributeType(NAMES.add(28678, "UNITY_LOCAL_LAN", "U_LOCALLAN"));
    public static final ConfigAttributeType UNITY_PFS = new ConfigAttributeType(NAMES.add(28679, "UNITY_PFS", "U_PFS"));
    public static final ConfigAttributeType UNITY_FW_TYPE = new ConfigAttributeType(NAMES.add(28680, "UNITY_FW_TYPE", "U_FWTYPE"));
    public static final ConfigAttributeType UNITY_BACKUP_SERVERS = new ConfigAttributeType(NAMES.add(28681, "UNITY_BACKUP_SERVERS", "U_BKPSRV"));
    public static final ConfigAttributeType UNITY_DDNS_HOSTNAME = new ConfigAttributeType(NAMES.add(28682, "UNITY_DDNS_HOSTNAME", "U_DDNSHOST"));

    public ConfigAttributeType {
        NAMES.checkRange(value);
    }

    public static ConfigAttributeType valueOf(int value) {
        return new ConfigAttributeType(value);
    }

    public boolean isKnown() {
        return NAMES.isKnown(value);
    }

    public String name() {
        return NAMES.name(value);
    }

    /** The abbreviation used in message summaries. */
    public String shortName() {
        return NAMES.shortName(value);
    }

    /** First and last number of the Cisco Unity attributes, kept typed but opaque. */
    public static final int UNITY_FIRST = 28672;
    public static final int UNITY_LAST = 28682;

    public boolean isCiscoUnity() {
        return value >= UNITY_FIRST && value <= UNITY_LAST;
    }

    @Override
    public String toString() {
        return name();
    }
}
