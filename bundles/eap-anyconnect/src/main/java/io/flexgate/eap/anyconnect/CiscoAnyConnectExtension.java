package io.flexgate.eap.anyconnect;

import io.flexgate.api.ike.IkeExtension;
import io.flexgate.api.session.SessionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces Cisco's vendor IDs in IKE_SA_INIT, so AnyConnect clients see the headend they expect
 * (the seed's debug: "Sending custom vendor id : CISCO(COPYRIGHT)", "CISCO-GRE-MODE",
 * "CISCO-ANYCONNECT-EAP"), and names the Cisco vendor IDs a peer sends (anchors.md section 2.2).
 *
 * <p>It adds no configuration attributes: which CP attribute numbers AnyConnect-IKEv2 honours is an open
 * point (anchors.md 2.10, item 4), so the standard attributes of the IKEv2 engine are all it gets.
 */
@Component(service = IkeExtension.class, configurationPid = CiscoAnyConnectExtension.PID,
        property = "extension.name=" + CiscoAnyConnectExtension.NAME)
@Designate(ocd = CiscoAnyConnectExtensionConfig.class)
public final class CiscoAnyConnectExtension implements IkeExtension {

    static final String PID = "io.flexgate.anyconnect.extension";
    static final String NAME = "cisco-anyconnect";

    private static final Logger LOG = LoggerFactory.getLogger(CiscoAnyConnectExtension.class);

    private final List<VendorId> announced;

    @Activate
    public CiscoAnyConnectExtension(CiscoAnyConnectExtensionConfig config) {
        List<VendorId> ids = new ArrayList<>();
        for (String name : config.announce()) {
            try {
                CiscoVendorId id = CiscoVendorId.valueOf(name.strip().toUpperCase(Locale.ROOT));
                ids.add(new VendorId(id.value(), id.description()));
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: unknown Cisco vendor ID '{}' in announce, ignored", PID, name);
            }
        }
        this.announced = List.copyOf(ids);
        LOG.debug("Cisco vendor IDs announced: {}", announced);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<VendorId> vendorIds() {
        return announced;
    }

    @Override
    public Optional<String> describePeerVendorId(byte[] vendorId) {
        return CiscoVendorId.of(vendorId).map(CiscoVendorId::description);
    }

    @Override
    public List<ConfigAttribute> configReplyAttributes(SessionInfo session, List<Integer> requestedTypes) {
        return List.of();
    }
}
