package io.flexgate.eap.anyconnect;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code io.flexgate.anyconnect.extension}: which Cisco vendor IDs our IKE_SA_INIT messages carry. */
@ObjectClassDefinition(name = "FlexGate Cisco AnyConnect IKE extension",
        description = "The Cisco vendor IDs announced in IKE_SA_INIT")
public @interface CiscoAnyConnectExtensionConfig {

    /**
     * The default is what the seed's IOS headend sends, less FRAGMENTATION: that one promises Cisco's
     * proprietary fragment payload (anchors.md 2.7), so add it only when the IKEv2 engine reassembles it.
     */
    @AttributeDefinition(name = "Announce",
            description = "CiscoVendorId names: COPYRIGHT, ANYCONNECT_EAP, GRE_MODE, FRAGMENTATION, DELETE_REASON, "
                    + "ANYCONNECT_STRAP, NGE_LEVEL, FLEXVPN_SUPPORTED, DYNAMIC_ROUTE")
    String[] announce() default {"COPYRIGHT", "GRE_MODE", "ANYCONNECT_EAP"};
}
