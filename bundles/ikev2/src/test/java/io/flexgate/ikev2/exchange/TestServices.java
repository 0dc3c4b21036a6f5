package io.flexgate.ikev2.exchange;

import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.aaa.CredentialStore;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.ike.IkeExtension;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.pki.Trustpoint;
import io.flexgate.api.pool.AddressPool;
import io.flexgate.api.session.SessionListener;
import io.flexgate.ikev2.config.IdentityMatch;
import io.flexgate.ikev2.config.IkeProfile;
import io.flexgate.ikev2.config.IkeProposal;
import io.flexgate.ikev2.config.IpsecProfile;
import io.flexgate.ikev2.config.TransformSet;
import io.flexgate.ikev2.config.VirtualTemplate;
import io.flexgate.ikev2.engine.EngineServices;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The seed deployment in memory: profiles AnyConnect-EAP (key-id *$AnyConnectClient$*, anyconnect-eap
 * aggregate) and Standard-EAP (email domain example.com, eap query-identity with MSCHAPv2), trustpoint IKEv2-TP,
 * the AAA lists, pool ACP00L, transform set esp-gcm 256, and a recording data plane.
 */
final class TestServices implements EngineServices {

    static final String TRUSTPOINT = "IKEv2-TP";
    static final String AUTHEN_LIST = "a-eap-authen-local";
    static final String AUTHOR_LIST = "a-eap-author-grp";
    static final String POLICY = "ikev2-auth-policy";
    static final String POOL = "ACP00L";
    static final int TEMPLATE = 100;

    final Map<String, EapMethod> methods;
    final Trustpoint trustpoint;
    final CredentialStore credentials;
    final TestPool pool;
    final RecordingDataPlane dataPlane = new RecordingDataPlane();
    final RecordingSessionListener sessions = new RecordingSessionListener();
    final AuthorizationAttributes policy;
    volatile List<IkeProposal> proposals = IkeProposal.smartDefaults();
    /** {@code dpd} of both profiles; tests set intervals below the configuration's 10 s minimum. */
    volatile Optional<IkeProfile.Dpd> dpd = Optional.empty();
    /** {@code lifetime} of both profiles; tests set it below the configuration's 120 s minimum. */
    volatile Duration lifetime = Duration.ofDays(1);

    TestServices(Map<String, EapMethod> methods, Trustpoint trustpoint, CredentialStore credentials, TestPool pool)
            throws Exception {
        this.methods = Map.copyOf(methods);
        this.trustpoint = trustpoint;
        this.credentials = credentials;
        this.pool = pool;
        this.policy = new AuthorizationAttributes(Optional.of(POOL), Optional.empty(), Optional.empty(),
                List.of(InetAddress.getByName("10.0.1.1")), Optional.of("example.com"), Optional.empty(),
                List.of(IpPrefix.parse("10.0.1.0/24")), List.of(), List.of());
    }

    @Override
    public Collection<IkeProfile> profiles() {
        return List.of(profile("AnyConnect-EAP", new IdentityMatch.KeyId("*$AnyConnectClient$*"),
                IkeProfile.RemoteAuthentication.ANYCONNECT_EAP, false),
                profile("Standard-EAP", new IdentityMatch.Email("example.com", true), IkeProfile.RemoteAuthentication.EAP,
                        true));
    }

    private IkeProfile profile(String name, IdentityMatch match, IkeProfile.RemoteAuthentication auth,
            boolean queryIdentity) {
        return new IkeProfile(name, List.of(match), auth, List.of("mschapv2"), queryIdentity, TRUSTPOINT, AUTHEN_LIST,
                Optional.of(AUTHOR_LIST), Optional.of(POLICY), true, TEMPLATE, Optional.empty(), dpd, lifetime);
    }

    @Override
    public List<IkeProposal> ikeProposals() {
        return proposals;
    }

    @Override
    public Optional<IpsecProfile> ipsecProfile(IkeProfile profile) {
        return Optional.of(new IpsecProfile(profile.name(), List.of(TransformSet.parse("TS-GCM", "esp-gcm 256")),
                profile.name(), IpsecProfile.lifetime(3600, 4_608_000)));
    }

    @Override
    public Optional<VirtualTemplate> virtualTemplate(int number) {
        return number == TEMPLATE ? Optional.of(new VirtualTemplate(TEMPLATE, Optional.empty(), 1400, "AnyConnect-EAP",
                false)) : Optional.empty();
    }

    @Override
    public Optional<Trustpoint> trustpoint(String name) {
        return TRUSTPOINT.equals(name) ? Optional.of(trustpoint) : Optional.empty();
    }

    @Override
    public Optional<EapMethod> eapMethod(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    @Override
    public Optional<AaaMethodList> aaaList(String name) {
        if (AUTHEN_LIST.equals(name)) {
            return Optional.of(list(name, AaaMethodList.Kind.AUTHENTICATION));
        }
        return AUTHOR_LIST.equals(name) ? Optional.of(list(name, AaaMethodList.Kind.AUTHORIZATION)) : Optional.empty();
    }

    private AaaMethodList list(String name, AaaMethodList.Kind kind) {
        return new AaaMethodList() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Kind kind() {
                return kind;
            }

            @Override
            public List<String> methods() {
                return List.of("local");
            }

            @Override
            public CredentialStore credentials() {
                return credentials;
            }

            @Override
            public Authorizer authorizer() {
                return TestServices.this::authorize;
            }
        };
    }

    private CompletionStage<Authorizer.AuthorizationResult> authorize(Authorizer.Kind kind, String name) {
        if (kind == Authorizer.Kind.GROUP && POLICY.equals(name)) {
            return CompletableFuture.completedFuture(new Authorizer.AuthorizationResult.Authorized(policy));
        }
        return CompletableFuture.completedFuture(new Authorizer.AuthorizationResult.Authorized(AuthorizationAttributes.NONE));
    }

    @Override
    public Optional<AddressPool> pool(String name) {
        return POOL.equals(name) ? Optional.of(pool) : Optional.empty();
    }

    @Override
    public Optional<DataPlane> dataPlane() {
        return Optional.of(dataPlane);
    }

    @Override
    public List<IkeExtension> extensions() {
        return List.of();
    }

    @Override
    public List<SessionListener> listeners() {
        return List.of(sessions);
    }
}
