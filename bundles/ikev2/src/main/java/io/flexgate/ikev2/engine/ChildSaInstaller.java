package io.flexgate.ikev2.engine;

import io.flexgate.api.Secret;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.dataplane.DataPlaneException;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.ikev2.config.IpsecProfile;
import io.flexgate.ikev2.config.TransformSet;
import io.flexgate.ikev2.crypto.ChildSaKeyLengths;
import io.flexgate.ikev2.crypto.ChildSaKeys;
import io.flexgate.ikev2.crypto.UnsupportedTransformException;
import io.flexgate.ikev2.transport.Datagram;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives a CHILD_SA's keys (RFC 7296 section 2.17) and installs the pair in the data plane, for the
 * CHILD_SA of IKE_AUTH and for those of CREATE_CHILD_SA. The data plane's lifetime events are routed to the
 * session's current IKE SA (an IKE SA rekey moves the CHILD_SAs to a new one).
 */
final class ChildSaInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(ChildSaInstaller.class);

    /** Anti-replay window of CHILD_SAs (RFC 4303 section 3.4.3; IOS default 64, ours larger for userspace ESP). */
    static final int REPLAY_WINDOW = 1024;
    /** SPIs 1..255 are reserved by IANA (RFC 4303 section 2.1). */
    private static final int FIRST_SPI = 256;

    private final Responder r;

    ChildSaInstaller(Responder responder) {
        this.r = responder;
    }

    /**
     * Installs one CHILD_SA pair and records it in {@code sa}.
     *
     * @param pfs the exchange's new g^ir, or null (no PFS, or the CHILD_SA of IKE_AUTH)
     * @param ni  the nonces of the exchange that created it (IKE_SA_INIT's for the first CHILD_SA)
     */
    IkeSa.ChildSa install(IkeSa sa, Datagram datagram, DataPlane dataPlane, IpsecProfile ipsec,
            ProposalSelection.EspChoice esp, List<IpPrefix> local, List<IpPrefix> remote, Secret pfs, byte[] ni,
            byte[] nr, boolean weInitiated) throws DataPlaneException {
        ChildSaKeyLengths lengths;
        try {
            lengths = r.cipherFactory.childSaKeyLengths(esp.cipher().algorithm(), esp.cipher().keyBits(), esp.integrity());
        } catch (UnsupportedTransformException e) {
            throw new DataPlaneException("ESP transform not available: " + e.getMessage(), e);
        }
        int inbound = ByteBuffer.wrap(esp.reply().spi().toByteArray()).getInt();
        long sessionId = sa.sessionId;
        try (ChildSaKeys keys = sa.kdf.childSaKeys(sa.keys.skD(), pfs, ni, nr, lengths.encryption(),
                lengths.integrity())) {
            ChildSaSpec spec = new ChildSaSpec(sa.sessionId, "Virtual-Template" + sa.profile.virtualTemplate(),
                    VirtualAccessNumbers.name(sa.virtualAccess), inbound, esp.peerSpi(), esp.cipher().algorithm().value(),
                    esp.cipher().keyBits(), esp.integrity().value(), esp.esn(),
                    // KEYMAT is initiator-to-responder first (section 2.17): inbound for us unless we initiated
                    weInitiated ? keys.responderEncryption() : keys.initiatorEncryption(),
                    weInitiated ? keys.responderIntegrity() : keys.initiatorIntegrity(),
                    weInitiated ? keys.initiatorEncryption() : keys.responderEncryption(),
                    weInitiated ? keys.initiatorIntegrity() : keys.responderIntegrity(), datagram.local(),
                    datagram.remote(), true, local, remote, ipsec.lifetime(), REPLAY_WINDOW);
            dataPlane.install(spec, new DataPlane.ChildSaEvents() {
                @Override
                public void softExpired(int spi) {
                    IkeSa current = r.sessions.current(sessionId).orElse(sa);
                    r.onSa(current, () -> r.createChildSaExchange().rekeyChildLocal(current, spi));
                }

                @Override
                public void hardExpired(int spi) {
                    IkeSa current = r.sessions.current(sessionId).orElse(sa);
                    r.onSa(current, () -> hardExpiry(current, spi));
                }
            });
        }
        IkeSa.ChildSa child = new IkeSa.ChildSa(inbound, esp.peerSpi(), transformText(esp), local, remote,
                r.clock.instant(), esp);
        sa.children.add(child);
        sa.childDataPlane = dataPlane;
        return child;
    }

    /** The data plane dropped a pair at its hard limit: the session ends when it was its last CHILD_SA. */
    private void hardExpiry(IkeSa sa, int spi) {
        Optional<IkeSa.ChildSa> child = sa.child(spi);
        if (child.isEmpty()) {
            return; // a pair already replaced by its rekeyed successor
        }
        sa.children.remove(child.get());
        if (sa.children.isEmpty()) {
            LOG.info("{}:CHILD_SA {} reached its hard lifetime without a rekey", sa.logId(), Integer.toHexString(spi));
            r.informationalExchange().deleteAndRemove(sa, DownReason.LIFETIME_EXPIRED);
        } else {
            LOG.info("{}:CHILD_SA {} reached its hard lifetime; its successor carries the traffic", sa.logId(),
                    Integer.toHexString(spi));
        }
    }

    /** A fresh inbound ESP SPI, outside the reserved range and not used by this IKE SA. */
    int newEspSpi(IkeSa sa) {
        int spi;
        do {
            spi = r.random.nextInt();
        } while (Integer.compareUnsigned(spi, FIRST_SPI) < 0 || sa.child(spi).isPresent());
        return spi;
    }

    private static String transformText(ProposalSelection.EspChoice esp) {
        return new TransformSet("negotiated", esp.cipher(),
                esp.cipher().isAead() ? Optional.empty() : Optional.of(esp.integrity()), true).iosText();
    }
}
