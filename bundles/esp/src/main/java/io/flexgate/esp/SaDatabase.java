package io.flexgate.esp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAD: installed pairs by inbound SPI for ESP coming in, and by inner destination for packets going
 * out. Readers on the packet path see immutable snapshots through volatile fields; writers serialise on
 * this object.
 */
final class SaDatabase {

    private final Map<Integer, EspSaPair> installed = new LinkedHashMap<>();
    private volatile IntTable<EspSaPair> bySpi = IntTable.empty();
    private volatile InnerRoutes routes = InnerRoutes.EMPTY;

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
        republish();
    }

    /** Removes and returns the pair, or null when there is none. */
    synchronized EspSaPair remove(int inboundSpi) {
        EspSaPair pair = installed.remove(inboundSpi);
        if (pair != null) {
            republish();
        }
        return pair;
    }

    /** Removes {@code pair} if it is still the one installed under its SPI. */
    synchronized boolean remove(EspSaPair pair) {
        if (!installed.remove(pair.inboundSpi(), pair)) {
            return false;
        }
        republish();
        return true;
    }

    synchronized List<EspSaPair> all() {
        return List.copyOf(installed.values());
    }

    private void republish() {
        IntTable.Builder<EspSaPair> spis = new IntTable.Builder<>();
        installed.forEach(spis::put);
        bySpi = spis.build();
        routes = InnerRoutes.of(installed.values());
    }
}
