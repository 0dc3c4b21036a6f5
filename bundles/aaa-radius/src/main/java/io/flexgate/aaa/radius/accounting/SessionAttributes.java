package io.flexgate.aaa.radius.accounting;

import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener.DownReason;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of Accounting-Start, -Interim-Update and -Stop for a session (RFC 2866 section 5, RFC 2869
 * section 5.1-5.3): who (User-Name, Calling-Station-Id = the peer's address), which session
 * (Acct-Session-Id = the session id in hex, as IOS prints it), the inner address, and for updates and
 * stops the octets and packets of all CHILD_SAs (input = received from the peer, with gigawords) and the
 * session time.
 */
public final class SessionAttributes {

    /** Acct-Status-Type values (RFC 2866 section 5.1, RFC 2869 section 5.1... Interim-Update is 3). */
    public static final int START = 1;
    public static final int STOP = 2;
    public static final int INTERIM_UPDATE = 3;
    /** Acct-Authentic RADIUS (RFC 2866 section 5.6). */
    static final int AUTHENTIC_RADIUS = 1;
    /** NAS-Port-Type Virtual (RFC 2865 section 5.41). */
    static final int NAS_PORT_TYPE_VIRTUAL = 5;

    private SessionAttributes() {
    }

    /** The Acct-Session-Id of a session. */
    public static String sessionId(SessionInfo session) {
        return String.format("%08X", session.sessionId());
    }

    /** Acct-Terminate-Cause (RFC 2866 section 5.10) for why a session ended. */
    public static int terminateCause(DownReason reason) {
        return switch (reason) {
            case PEER_DELETE, REPLACED -> 1; // User-Request
            case DPD_TIMEOUT -> 2; // Lost-Carrier
            case LIFETIME_EXPIRED -> 5; // Session-Timeout
            case OPERATOR_CLEAR, DISCONNECT_REQUEST -> 6; // Admin-Reset
            case SHUTDOWN -> 7; // Admin-Reboot
            case ERROR -> 9; // NAS-Error
        };
    }

    public static List<RadiusAttribute> start(SessionInfo s, String nasIdentifier) {
        return common(s, START, nasIdentifier);
    }

    public static List<RadiusAttribute> interim(SessionInfo s, String nasIdentifier, Instant now) {
        List<RadiusAttribute> a = common(s, INTERIM_UPDATE, nasIdentifier);
        usage(a, s, now);
        return a;
    }

    public static List<RadiusAttribute> stop(SessionInfo s, DownReason reason, String nasIdentifier, Instant now) {
        List<RadiusAttribute> a = common(s, STOP, nasIdentifier);
        usage(a, s, now);
        a.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_TERMINATE_CAUSE, terminateCause(reason)));
        return a;
    }

    private static List<RadiusAttribute> common(SessionInfo s, int status, String nasIdentifier) {
        List<RadiusAttribute> a = new ArrayList<>();
        a.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_STATUS_TYPE, status));
        a.add(RadiusAttribute.text(RadiusAttributeType.ACCT_SESSION_ID, sessionId(s)));
        a.add(RadiusAttribute.text(RadiusAttributeType.USER_NAME, truncate(s.username())));
        s.assignedAddress().filter(Inet4Address.class::isInstance).ifPresent(addr -> a.add(
                RadiusAttribute.address(RadiusAttributeType.FRAMED_IP_ADDRESS, (Inet4Address) addr)));
        a.add(RadiusAttribute.text(RadiusAttributeType.CALLING_STATION_ID, host(s.remote().getAddress())));
        a.add(RadiusAttribute.text(RadiusAttributeType.CALLED_STATION_ID, host(s.local().getAddress())));
        a.add(RadiusAttribute.text(RadiusAttributeType.NAS_IDENTIFIER, nasIdentifier));
        a.add(RadiusAttribute.text(RadiusAttributeType.NAS_PORT_ID, truncate(s.virtualAccess())));
        a.add(RadiusAttribute.integer(RadiusAttributeType.NAS_PORT_TYPE, NAS_PORT_TYPE_VIRTUAL));
        a.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_AUTHENTIC, AUTHENTIC_RADIUS));
        return a;
    }

    private static void usage(List<RadiusAttribute> a, SessionInfo s, Instant now) {
        long inOctets = 0;
        long outOctets = 0;
        long inPackets = 0;
        long outPackets = 0;
        for (SessionInfo.ChildSaInfo child : s.children()) {
            ChildSaCounters c = child.counters();
            inOctets += c.bytesDecrypted();
            outOctets += c.bytesEncrypted();
            inPackets += c.packetsDecrypted();
            outPackets += c.packetsEncrypted();
        }
        a.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_INPUT_OCTETS, inOctets & 0xffffffffL));
        a.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_OUTPUT_OCTETS, outOctets & 0xffffffffL));
        a.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, (inOctets >>> 32) & 0xffffffffL));
        a.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS, (outOctets >>> 32) & 0xffffffffL));
        a.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_INPUT_PACKETS, Math.min(inPackets, 0xffffffffL)));
        a.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_OUTPUT_PACKETS, Math.min(outPackets, 0xffffffffL)));
        long seconds = Math.max(0, Duration.between(s.established(), now).getSeconds());
        a.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_SESSION_TIME, Math.min(seconds, 0xffffffffL)));
    }

    private static String host(InetAddress address) {
        return address.getHostAddress();
    }

    private static String truncate(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return b.length <= RadiusAttribute.MAX_VALUE ? text
                : new String(b, 0, RadiusAttribute.MAX_VALUE, java.nio.charset.StandardCharsets.UTF_8);
    }
}
