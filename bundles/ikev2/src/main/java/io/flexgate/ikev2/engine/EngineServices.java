package io.flexgate.ikev2.engine;

import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.ike.IkeExtension;
import io.flexgate.api.pki.Trustpoint;
import io.flexgate.api.pool.AddressPool;
import io.flexgate.api.session.SessionListener;
import io.flexgate.ikev2.config.IkeProfile;
import io.flexgate.ikev2.config.IkeProposal;
import io.flexgate.ikev2.config.IpsecProfile;
import io.flexgate.ikev2.config.VirtualTemplate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the engine looks up at the moment it needs it: configuration objects and the services of other
 * bundles, which may come and go at any time (hot swap). Implemented by the DS component over its dynamic
 * references, and by tests directly. Every method is thread-safe and fast (no I/O).
 */
public interface EngineServices {

    Collection<IkeProfile> profiles();

    /** The configured IKE proposals (policy order), or the smart defaults when none is configured. */
    List<IkeProposal> ikeProposals();

    /** The IPsec profile whose {@code set ikev2-profile} names this IKEv2 profile, via its virtual template. */
    Optional<IpsecProfile> ipsecProfile(IkeProfile profile);

    Optional<VirtualTemplate> virtualTemplate(int number);

    Optional<Trustpoint> trustpoint(String name);

    /** The EAP method registered with {@code eap.name = name}. */
    Optional<EapMethod> eapMethod(String name);

    Optional<AaaMethodList> aaaList(String name);

    Optional<AddressPool> pool(String name);

    Optional<DataPlane> dataPlane();

    List<IkeExtension> extensions();

    List<SessionListener> listeners();
}
