package io.flexgate.ikev2.initiator;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CHILD_SAs of one initiator session: the one of IKE_AUTH, then those the headend's rekeys make, until it
 * deletes them; the listener (the client's data path) hears of each change. Owned by the session's executor.
 */
final class ChildSas {

    private static final Logger LOG = LoggerFactory.getLogger(ChildSas.class);
    /** SPIs 1..255 are reserved (RFC 4303 section 2.1). */
    private static final int FIRST_SPI = 256;

    private final List<ChildSa> children = new ArrayList<>();
    private ChildSaListener listener = ChildSaListener.NONE;
    private ChildSa first;

    void listener(ChildSaListener l) {
        this.listener = l;
    }

    List<ChildSa> all() {
        return List.copyOf(children);
    }

    /** The CHILD_SA of IKE_AUTH; its keys stay readable (in the session's result) until the session ends. */
    void first(ChildSa child) {
        first = child;
        children.add(child);
    }

    /** A random SPI of ours that no CHILD_SA of this session uses. */
    static int newSpi(SecureRandom random, List<ChildSa> taken, int reserved) {
        while (true) {
            int spi = random.nextInt();
            if (Integer.compareUnsigned(spi, FIRST_SPI) >= 0 && spi != reserved
                    && taken.stream().noneMatch(c -> c.inboundSpi() == spi)) {
                return spi;
            }
        }
    }

    void rekeyed(ChildSa old, ChildSa fresh) {
        children.add(fresh);
        LOG.info("CHILD_SA {} rekeyed by the headend: new SPIs in {} out {}", Integer.toHexString(old.inboundSpi()),
                Integer.toHexString(fresh.inboundSpi()), Integer.toHexString(fresh.outboundSpi()));
        tell(() -> listener.added(fresh));
    }

    void deleted(ChildSa child) {
        children.remove(child);
        LOG.info("CHILD_SA {} deleted by the headend", Integer.toHexString(child.inboundSpi()));
        tell(() -> listener.removed(child));
        if (child != first) {
            child.keys().close();
        }
    }

    /** Wipes the keys of every CHILD_SA (the session ended). */
    void wipe() {
        children.forEach(c -> c.keys().close());
        if (first != null) {
            first.keys().close();
        }
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("CHILD_SA listener failed: {}", e.toString());
        }
    }
}
