package io.flexgate.ikev2.message;

/**
 * IKEv2 Notify Message Types (IANA "IKEv2 Notify Message Error Types" 0..16383 and "Status Types"
 * 16384..65535; RFC 7296 section 3.10.1 and the RFCs named in the registry). An open value: every 16-bit
 * number is a valid {@code NotifyType}; {@link #valueOf} never throws for 0..65535. The short names are
 * the abbreviations strongSwan prints in its message summaries, so that our logs read the same.
 */
public record NotifyType(int value) {

    private static final IanaNames NAMES = new IanaNames("NotifyType", 0xFFFF);

    /** Types below this are errors (RFC 7296 section 3.10.1). */
    public static final int FIRST_STATUS_TYPE = 16384;

    public static final NotifyType UNSUPPORTED_CRITICAL_PAYLOAD = new NotifyType(NAMES.add(1, "UNSUPPORTED_CRITICAL_PAYLOAD", "CRIT"));
    public static final NotifyType INVALID_IKE_SPI = new NotifyType(NAMES.add(4, "INVALID_IKE_SPI", "INVAL_IKE_SPI"));
    public static final NotifyType INVALID_MAJOR_VERSION = new NotifyType(NAMES.add(5, "INVALID_MAJOR_VERSION", "INVAL_MAJOR"));
    public static final NotifyType INVALID_SYNTAX = new NotifyType(NAMES.add(7, "INVALID_SYNTAX", "INVAL_SYN"));
    public static final NotifyType INVALID_MESSAGE_ID = new NotifyType(NAMES.add(9, "INVALID_MESSAGE_ID", "INVAL_MID"));
    public static final NotifyType INVALID_SPI = new NotifyType(NAMES.add(11, "INVALID_SPI", "INVAL_SPI"));
    public static final NotifyType NO_PROPOSAL_CHOSEN = new NotifyType(NAMES.add(14, "NO_PROPOSAL_CHOSEN", "NO_PROP"));
    public static final NotifyType INVALID_KE_PAYLOAD = new NotifyType(NAMES.add(17, "INVALID_KE_PAYLOAD", "INVAL_KE"));
    public static final NotifyType AUTHENTICATION_FAILED = new NotifyType(NAMES.add(24, "AUTHENTICATION_FAILED", "AUTH_FAILED"));
    public static final NotifyType SINGLE_PAIR_REQUIRED = new NotifyType(NAMES.add(34, "SINGLE_PAIR_REQUIRED", "SINGLE_PAIR"));
    public static final NotifyType NO_ADDITIONAL_SAS = new NotifyType(NAMES.add(35, "NO_ADDITIONAL_SAS", "NO_ADD_SAS"));
    public static final NotifyType INTERNAL_ADDRESS_FAILURE = new NotifyType(NAMES.add(36, "INTERNAL_ADDRESS_FAILURE", "INT_ADDR_FAIL"));
    public static final NotifyType FAILED_CP_REQUIRED = new NotifyType(NAMES.add(37, "FAILED_CP_REQUIRED", "FAIL_CP_REQ"));
    public static final NotifyType TS_UNACCEPTABLE = new NotifyType(NAMES.add(38, "TS_UNACCEPTABLE", "TS_UNACCEPT"));
    public static final NotifyType INVALID_SELECTORS = new NotifyType(NAMES.add(39, "INVALID_SELECTORS", "INVAL_SEL"));
    public static final NotifyType UNACCEPTABLE_ADDRESSES = new NotifyType(NAMES.add(40, "UNACCEPTABLE_ADDRESSES", "UNACCEPT_ADDR"));
    public static final NotifyType UNEXPECTED_NAT_DETECTED = new NotifyType(NAMES.add(41, "UNEXPECTED_NAT_DETECTED", "UNEXPECT_NAT"));
    public static final NotifyType USE_ASSIGNED_HOA = new NotifyType(NAMES.add(42, "USE_ASSIGNED_HoA", "USE_ASSIGNED_HoA"));
    public static final NotifyType TEMPORARY_FAILURE = new NotifyType(NAMES.add(43, "TEMPORARY_FAILURE", "TEMP_FAIL"));
    public static final NotifyType CHILD_SA_NOT_FOUND = new NotifyType(NAMES.add(44, "CHILD_SA_NOT_FOUND", "NO_CHILD_SA"));
    public static final NotifyType INVALID_GROUP_ID = new NotifyType(NAMES.add(45, "INVALID_GROUP_ID", "INVAL_GROUP_ID"));
    public static final NotifyType AUTHORIZATION_FAILED = new NotifyType(NAMES.add(46, "AUTHORIZATION_FAILED", "AUTHZ_FAILED"));
    public static final NotifyType STATE_NOT_FOUND = new NotifyType(NAMES.add(47, "STATE_NOT_FOUND", "STATE_NOT_FOUND"));
    public static final NotifyType INITIAL_CONTACT = new NotifyType(NAMES.add(16384, "INITIAL_CONTACT", "INIT_CONTACT"));
    public static final NotifyType SET_WINDOW_SIZE = new NotifyType(NAMES.add(16385, "SET_WINDOW_SIZE", "SET_WINSIZE"));
    public static final NotifyType ADDITIONAL_TS_POSSIBLE = new NotifyType(NAMES.add(16386, "ADDITIONAL_TS_POSSIBLE", "ADD_TS_POSS"));
    public static final NotifyType IPCOMP_SUPPORTED = new NotifyType(NAMES.add(16387, "IPCOMP_SUPPORTED", "IPCOMP_SUP"));
    public static final NotifyType NAT_DETECTION_SOURCE_IP = new NotifyType(NAMES.add(16388, "NAT_DETECTION_SOURCE_IP", "NATD_S_IP"));
    public static final NotifyType NAT_DETECTION_DESTINATION_IP = new NotifyType(NAMES.add(16389, "NAT_DETECTION_DESTINATION_IP", "NATD_D_IP"));
    public static final NotifyType COOKIE = new NotifyType(NAMES.add(16390, "COOKIE", "COOKIE"));
    public static final NotifyType USE_TRANSPORT_MODE = new NotifyType(NAMES.add(16391, "USE_TRANSPORT_MODE", "USE_TRANSP"));
    public static final NotifyType HTTP_CERT_LOOKUP_SUPPORTED = new NotifyType(NAMES.add(16392, "HTTP_CERT_LOOKUP_SUPPORTED", "HTTP_CERT_LOOK"));
    public static final NotifyType REKEY_SA = new NotifyType(NAMES.add(16393, "REKEY_SA", "REKEY_SA"));
    public static final NotifyType ESP_TFC_PADDING_NOT_SUPPORTED = new NotifyType(NAMES.add(16394, "ESP_TFC_PADDING_NOT_SUPPORTED", "ESP_TFC_PAD_N"));
    public static final NotifyType NON_FIRST_FRAGMENTS_ALSO = new NotifyType(NAMES.add(16395, "NON_FIRST_FRAGMENTS_ALSO", "NON_FIRST_FRAG"));
    public static final NotifyType MOBIKE_SUPPORTED = new NotifyType(NAMES.add(16396, "MOBIKE_SUPPORTED", "MOBIKE_SUP"));
    public static final NotifyType ADDITIONAL_IP4_ADDRESS = new NotifyType(NAMES.add(16397, "ADDITIONAL_IP4_ADDRESS", "ADD_4_ADDR"));
    public static final NotifyType ADDITIONAL_IP6_ADDRESS = new NotifyType(NAMES.add(16398, "ADDITIONAL_IP6_ADDRESS", "ADD_6_ADDR"));
    public static final NotifyType NO_ADDITIONAL_ADDRESSES = new NotifyType(NAMES.add(16399, "NO_ADDITIONAL_ADDRESSES", "NO_ADD_ADDR"));
    public static final NotifyType UPDATE_SA_ADDRESSES = new NotifyType(NAMES.add(16400, "UPDATE_SA_ADDRESSES", "UPD_SA_ADDR"));
    public static final NotifyType COOKIE2 = new NotifyType(NAMES.add(16401, "COOKIE2", "COOKIE2"));
    public static final NotifyType NO_NATS_ALLOWED = new NotifyType(NAMES.add(16402, "NO_NATS_ALLOWED", "NO_NATS"));
    public static final NotifyType AUTH_LIFETIME = new NotifyType(NAMES.add(16403, "AUTH_LIFETIME", "AUTH_LFT"));
    public static final NotifyType MULTIPLE_AUTH_SUPPORTED = new NotifyType(NAMES.add(16404, "MULTIPLE_AUTH_SUPPORTED", "MULT_AUTH"));
    public static final NotifyType ANOTHER_AUTH_FOLLOWS = new NotifyType(NAMES.add(16405, "ANOTHER_AUTH_FOLLOWS", "AUTH_FOLLOWS"));
    public static final NotifyType REDIRECT_SUPPORTED = new NotifyType(NAMES.add(16406, "REDIRECT_SUPPORTED", "REDIR_SUP"));
    public static final NotifyType REDIRECT = new NotifyType(NAMES.add(16407, "REDIRECT", "REDIR"));
    public static final NotifyType REDIRECTED_FROM = new NotifyType(NAMES.add(16408, "REDIRECTED_FROM", "REDIR_FROM"));
    public static final NotifyType TICKET_LT_OPAQUE = new NotifyType(NAMES.add(16409, "TICKET_LT_OPAQUE", "TKT_LT_OPAK"));
    public static final NotifyType TICKET_REQUEST = new NotifyType(NAMES.add(16410, "TICKET_REQUEST", "TKT_REQ"));
    public static final NotifyType TICKET_ACK = new NotifyType(NAMES.add(16411, "TICKET_ACK", "TKT_ACK"));
    public static final NotifyType TICKET_NACK = new NotifyType(NAMES.add(16412, "TICKET_NACK", "TKT_NACK"));
    public static final NotifyType TICKET_OPAQUE = new NotifyType(NAMES.add(16413, "TICKET_OPAQUE", "TKT_OPAK"));
    public static final NotifyType LINK_ID = new NotifyType(NAMES.add(16414, "LINK_ID", "LINK_ID"));
    public static final NotifyType USE_WESP_MODE = new NotifyType(NAMES.add(16415, "USE_WESP_MODE", "WESP_MODE"));
    public static final NotifyType ROHC_SUPPORTED = new NotifyType(NAMES.add(16416, "ROHC_SUPPORTED", "ROHC_SUP"));
    public static final NotifyType EAP_ONLY_AUTHENTICATION = new NotifyType(NAMES.add(16417, "EAP_ONLY_AUTHENTICATION", "EAP_ONLY"));
    public static final NotifyType CHILDLESS_IKEV2_SUPPORTED = new NotifyType(NAMES.add(16418, "CHILDLESS_IKEV2_SUPPORTED", "CHDLESS_SUP"));
    public static final NotifyType QUICK_CRASH_DETECTION = new NotifyType(NAMES.add(16419, "QUICK_CRASH_DETECTION", "QUICK_CRASH_DET"));
    public static final NotifyType IKEV2_MESSAGE_ID_SYNC_SUPPORTED = new NotifyType(NAMES.add(16420, "IKEV2_MESSAGE_ID_SYNC_SUPPORTED", "MSG_ID_SYN_SUP"));
    public static final NotifyType IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED = new NotifyType(NAMES.add(16421, "IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED", "RPL_CTR_SYN_SUP"));
    public static final NotifyType IKEV2_MESSAGE_ID_SYNC = new NotifyType(NAMES.add(16422, "IKEV2_MESSAGE_ID_SYNC", "MSG_ID_SYN"));
    public static final NotifyType IPSEC_REPLAY_COUNTER_SYNC = new NotifyType(NAMES.add(16423, "IPSEC_REPLAY_COUNTER_SYNC", "RPL_CTR_SYN"));
    public static final NotifyType SECURE_PASSWORD_METHODS = new NotifyType(NAMES.add(16424, "SECURE_PASSWORD_METHODS", "SEC_PASSWORD"));
    public static final NotifyType PSK_PERSIST = new NotifyType(NAMES.add(16425, "PSK_PERSIST", "PSK_PST"));
    public static final NotifyType PSK_CONFIRM = new NotifyType(NAMES.add(16426, "PSK_CONFIRM", "PSK_CFM"));
    public static final NotifyType ERX_SUPPORTED = new NotifyType(NAMES.add(16427, "ERX_SUPPORTED", "ERX_SUP"));
    public static final NotifyType IFOM_CAPABILITY = new NotifyType(NAMES.add(16428, "IFOM_CAPABILITY", "IFOM_CAP"));
    public static final NotifyType SENDER_REQUEST_ID = new NotifyType(NAMES.add(16429, "SENDER_REQUEST_ID", "SENDER_REQ_ID"));
    public static final NotifyType IKEV2_FRAGMENTATION_SUPPORTED = new NotifyType(NAMES.add(16430, "IKEV2_FRAGMENTATION_SUPPORTED", "FRAG_SUP"));
    public static final NotifyType SIGNATURE_HASH_ALGORITHMS = new NotifyType(NAMES.add(16431, "SIGNATURE_HASH_ALGORITHMS", "HASH_ALG"));
    public static final NotifyType CLONE_IKE_SA_SUPPORTED = new NotifyType(NAMES.add(16432, "CLONE_IKE_SA_SUPPORTED", "CLONE_IKE_SA_SUP"));
    public static final NotifyType CLONE_IKE_SA = new NotifyType(NAMES.add(16433, "CLONE_IKE_SA", "CLONE_IKE_SA"));
    public static final NotifyType PUZZLE = new NotifyType(NAMES.add(16434, "PUZZLE", "PUZZLE"));
    public static final NotifyType USE_PPK = new NotifyType(NAMES.add(16435, "USE_PPK", "USE_PPK"));
    public static final NotifyType PPK_IDENTITY = new NotifyType(NAMES.add(16436, "PPK_IDENTITY", "PPK_ID"));
    public static final NotifyType NO_PPK_AUTH = new NotifyType(NAMES.add(16437, "NO_PPK_AUTH", "NO_PPK"));
    public static final NotifyType INTERMEDIATE_EXCHANGE_SUPPORTED = new NotifyType(NAMES.add(16438, "INTERMEDIATE_EXCHANGE_SUPPORTED", "IKE_INT_SUP"));
    public static final NotifyType IP4_ALLOWED = new NotifyType(NAMES.add(16439, "IP4_ALLOWED", "IP4_ALLOWED"));
    public static final NotifyType IP6_ALLOWED = new NotifyType(NAMES.add(16440, "IP6_ALLOWED", "IP6_ALLOWED"));
    public static final NotifyType ADDITIONAL_KEY_EXCHANGE = new NotifyType(NAMES.add(16441, "ADDITIONAL_KEY_EXCHANGE", "ADD_KE"));
    public static final NotifyType USE_AGGFRAG = new NotifyType(NAMES.add(16442, "USE_AGGFRAG", "USE_AGGFRAG"));

    public NotifyType {
        NAMES.checkRange(value);
    }

    public static NotifyType valueOf(int value) {
        return new NotifyType(value);
    }

    /** Error types abort an exchange; status types inform (RFC 7296 section 3.10.1). */
    public boolean isError() {
        return value < FIRST_STATUS_TYPE;
    }

    public String name() {
        return NAMES.name(value);
    }

    /** The strongSwan abbreviation used inside {@code N(...)} in message summaries. */
    public String shortName() {
        return NAMES.shortName(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
