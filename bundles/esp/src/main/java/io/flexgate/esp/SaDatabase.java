package io.flexgate.esp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAD: installed pairs by inbound SPI for ESP coming in, and by inner destination for packets going
 * out. Readers on the packet path take no lock (sharded immutable tables behind volatile reads); writers
 * serialise on this object, and a change costs a shard's rebuild, not the whole table's.
 */
final class SaDatabase {

    private final Map<Integer, EspSaPair> installed = new LinkedHashMap<>();
    private final ShardedIntTable<EspSaPair> bySpi = new ShardedIntTable<>();
    private final InnerRoutes routes = new InnerRoutes();

    EspSaPair byInboundSpi(int spi) {
        return bySpi.get(spi);
    }

    EspSaPair byInnerDestination(byte[] b, int off, int len) {
        return routes.lookup(b, off, len);
    }

    synchronized boolean contains(int inboundSpi) {
        return installed.containsKey(inboundSpi);
    }

    synchronized void add(EspSaPair pair) {
        if (installed.putIfAbsent(pair.inboundSpi(), pair) != null) {
            throw new IllegalStateException(String.format("inbound SPI %08x is installed already", pair.inboundSpi()));
        }
        bySpi.put(pair.inboundSpi(), pair);
        routes.add(pair);
    }

    /** Removes and returns the pair, or null when there is none. */
    synchronized EspSaPair remove(int inboundSpi) {
        EspSaPair pair = installed.get(inboundSpi);
        return pair != null && remove(pair) ? pair : null;
    }

    /** Removes {@code pair} if it is still the one installed under its SPI. */
    synchronized boolean remove(EspSaPair pair) {
        if (!installed.remove(pair.inboundSpi(), pair)) {
            return false;
        }
        bySpi.remove(pair.inboundSpi(), pair);
        routes.remove(pair);
        return true;
    }

    synchronized List<EspSaPair> all() {
        return List.copyOf(installed.values());
    }
}
