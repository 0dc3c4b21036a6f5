package io.flexgate.ikev2.message;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic Selector payload TSi or TSr (RFC 7296 section 3.13) with IPv4 and IPv6 address ranges.
 *
 * @param initiator true for TSi, false for TSr
 * @param selectors the traffic selectors, at least one
 */
public record TrafficSelectorPayload(boolean initiator, List<TrafficSelector> selectors) implements IkePayload {

    /** Selectors in one payload; the count is one octet. */
    public static final int MAX_SELECTORS = 255;

    private static final int SELECTOR_HEADER = 8;

    public TrafficSelectorPayload {
        selectors = List.copyOf(selectors);
        if (selectors.isEmpty() || selectors.size() > MAX_SELECTORS) {
            throw new IllegalArgumentException(selectors.size() + " traffic selectors");
        }
    }

    /**
     * One traffic selector (RFC 7296 section 3.13.1).
     *
     * @param tsType       {@link TsType#TS_IPV4_ADDR_RANGE} or {@link TsType#TS_IPV6_ADDR_RANGE}
     * @param ipProtocol   IP protocol, 0 for any
     * @param startPort    first port
     * @param endPort      last port
     * @param startAddress first address (4 or 16 octets as the type says)
     * @param endAddress   last address
     */
    public record TrafficSelector(TsType tsType, int ipProtocol, int startPort, int endPort, InetAddress startAddress,
            InetAddress endAddress) {

        public TrafficSelector {
            int len = addressLength(tsType);
            if (len < 0 || startAddress.getAddress().length != len || endAddress.getAddress().length != len) {
                throw new IllegalArgumentException("addresses do not match " + tsType);
            }
            if (ipProtocol < 0 || ipProtocol > 0xFF || startPort < 0 || startPort > 0xFFFF || endPort < 0
                    || endPort > 0xFFFF) {
                throw new IllegalArgumentException("protocol or port out of range");
            }
        }

        /** Every port and protocol between two addresses of one family. */
        public static TrafficSelector range(InetAddress start, InetAddress end) {
            TsType type = start.getAddress().length == 4 ? TsType.TS_IPV4_ADDR_RANGE : TsType.TS_IPV6_ADDR_RANGE;
            return new TrafficSelector(type, 0, 0, 0xFFFF, start, end);
        }
    }

    private static int addressLength(TsType type) {
        if (type.equals(TsType.TS_IPV4_ADDR_RANGE)) {
            return 4;
        }
        return type.equals(TsType.TS_IPV6_ADDR_RANGE) ? 16 : -1;
    }

    static TrafficSelectorPayload decode(PayloadReader in, boolean initiator) throws IkeDecodeException {
        int count = in.u8("TS count");
        in.skip(3, "TS reserved");
        if (count == 0) {
            throw IkeDecodeException.invalidSyntax("traffic selector payload without selectors");
        }
        List<TrafficSelector> selectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TsType type = TsType.valueOf(in.u8("TS type"));
            int protocol = in.u8("TS protocol");
            int length = in.u16("TS length");
            int addressLength = addressLength(type);
            if (addressLength < 0) {
                // RFC 7296 defines only these two types; unknown selectors cannot be narrowed safely.
                throw IkeDecodeException.invalidSyntax("traffic selector type " + type.value());
            }
            if (length != SELECTOR_HEADER + 2 * addressLength) {
                throw IkeDecodeException.invalidSyntax("traffic selector length " + length + " for " + type);
            }
            int startPort = in.u16("TS start port");
            int endPort = in.u16("TS end port");
            InetAddress start = address(in.bytes(addressLength, "TS start address"));
            InetAddress end = address(in.bytes(addressLength, "TS end address"));
            selectors.add(new TrafficSelector(type, protocol, startPort, endPort, start, end));
        }
        in.expectEnd("traffic selector payload");
        return new TrafficSelectorPayload(initiator, selectors);
    }

    private static InetAddress address(Bytes octets) {
        try {
            return InetAddress.getByAddress(octets.toByteArray());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 octets are always an address", e);
        }
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u8(selectors.size()).zeros(3);
        for (TrafficSelector ts : selectors) {
            out.u8(ts.tsType().value()).u8(ts.ipProtocol()).u16(SELECTOR_HEADER + 2 * addressLength(ts.tsType()))
                    .u16(ts.startPort()).u16(ts.endPort())
                    .bytes(ts.startAddress().getAddress()).bytes(ts.endAddress().getAddress());
        }
    }

    @Override
    public PayloadType type() {
        return initiator ? PayloadType.TSI : PayloadType.TSR;
    }
}
