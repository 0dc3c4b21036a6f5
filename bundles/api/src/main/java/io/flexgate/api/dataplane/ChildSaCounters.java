package io.flexgate.api.dataplane;

/**
 * Counters of one CHILD_SA pair, as {@code show crypto ipsec sa} prints them. A snapshot.
 *
 * @param packetsEncrypted  {@code #pkts encaps / #pkts encrypt}
 * @param packetsDecrypted  {@code #pkts decaps / #pkts decrypt}
 * @param bytesEncrypted    inner octets sent
 * @param bytesDecrypted    inner octets received
 * @param dropsReplay       inbound packets dropped by the anti-replay window
 * @param dropsIntegrity    inbound packets whose ICV did not verify
 * @param dropsMalformed    inbound packets too short or with bad padding
 * @param dropsOutbound     outbound packets dropped (TTL, no route, queue full)
 */
public record ChildSaCounters(long packetsEncrypted, long packetsDecrypted, long bytesEncrypted,
        long bytesDecrypted, long dropsReplay, long dropsIntegrity, long dropsMalformed, long dropsOutbound) {

    public static final ChildSaCounters ZERO = new ChildSaCounters(0, 0, 0, 0, 0, 0, 0, 0);
}
