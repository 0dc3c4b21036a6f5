package io.flexgate.aaa.local;

import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.aaa.CredentialStore;
import io.flexgate.api.aaa.LocalUserAdmin;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aaa authorization network LIST local}: answers {@link Kind#GROUP} from the IKEv2 authorization
 * policy of that name, with its {@code route set access-list} turned into split routes at the time of the
 * question, and {@link Kind#USER} for users of the local database (no per-user attributes are configured
 * locally, so a known user gets {@link AuthorizationAttributes#NONE} and the group policy applies whole).
 *
 * <p>A policy naming an access list that does not exist is denied rather than sent without split routes:
 * silently turning a split tunnel into a full tunnel (or the reverse) is worse than a clear refusal.
 */
@Component(service = Authorizer.class, immediate = true, property = CredentialStore.PROP_METHOD + "=local")
public final class LocalAuthorizer implements Authorizer {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAuthorizer.class);

    private final Map<AuthorizationPolicy, PolicyDefinition> policies = new ConcurrentHashMap<>();
    private final Map<AccessList, StandardAccessList> accessLists = new ConcurrentHashMap<>();
    private volatile LocalUserAdmin users;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPolicy(AuthorizationPolicy policy) {
        policies.put(policy, policy.definition());
    }

    void unbindPolicy(AuthorizationPolicy policy) {
        policies.remove(policy);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAccessList(AccessList list) {
        accessLists.put(list, list.list());
    }

    void unbindAccessList(AccessList list) {
        accessLists.remove(list);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUsers(LocalUserAdmin admin) {
        users = admin;
    }

    void unbindUsers(LocalUserAdmin admin) {
        if (users == admin) {
            users = null;
        }
    }

    @Override
    public CompletionStage<AuthorizationResult> authorize(Kind kind, String name) {
        AuthorizationResult result = kind == Kind.GROUP ? group(name) : user(name);
        LOG.debug("local authorization {} {}: {}", kind, name, result);
        return CompletableFuture.completedFuture(result);
    }

    private AuthorizationResult group(String name) {
        Optional<PolicyDefinition> policy = policies.values().stream().filter(p -> p.name().equals(name)).findFirst();
        if (policy.isEmpty()) {
            return new AuthorizationResult.Denied("no IKEv2 authorization policy " + name);
        }
        AuthorizationAttributes attributes = policy.get().attributes();
        if (policy.get().routeSetAcl().isPresent()) {
            String aclName = policy.get().routeSetAcl().get();
            Optional<StandardAccessList> acl = accessLists.values().stream().filter(a -> a.name().equals(aclName))
                    .findFirst();
            if (acl.isEmpty()) {
                LOG.warn("authorization policy {} names access list {}, which is not configured", name, aclName);
                return new AuthorizationResult.Denied("authorization policy " + name + ": route set access-list "
                        + aclName + " is not configured");
            }
            attributes = new AuthorizationAttributes(attributes.pool(), attributes.framedAddress(),
                    attributes.netmask(), attributes.dnsServers(), attributes.defaultDomain(), attributes.banner(),
                    acl.get().permittedPrefixes(), attributes.splitDns(), attributes.backupGateways());
        }
        return new AuthorizationResult.Authorized(attributes);
    }

    private AuthorizationResult user(String name) {
        LocalUserAdmin admin = users;
        if (admin == null) {
            return new AuthorizationResult.Unavailable("local user database not available");
        }
        return admin.user(name).<AuthorizationResult>map(u -> new AuthorizationResult.Authorized(
                AuthorizationAttributes.NONE))
                .orElseGet(() -> new AuthorizationResult.Denied("no local user " + name));
    }
}
