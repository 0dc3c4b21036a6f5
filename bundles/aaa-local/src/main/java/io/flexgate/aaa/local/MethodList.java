package io.flexgate.aaa.local;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.aaa.CredentialStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named method list, one per configuration {@code io.flexgate.aaa.list~NAME}. Its methods resolve to
 * the {@link CredentialStore} and {@link Authorizer} services present at the time of each question, by
 * their {@code aaa.method} property, so a RADIUS bundle that comes later (or goes) is used (or skipped as
 * unavailable) by the next session without touching the list.
 */
@Component(service = AaaMethodList.class, configurationPid = "io.flexgate.aaa.list",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = MethodListConfiguration.class, factory = true)
public final class MethodList implements AaaMethodList {

    /** IOS accepts at most four methods in a list. */
    static final int MAX_METHODS = 4;
    /** Longest accepted server-group name. */
    static final int MAX_GROUP_NAME = 64;

    private static final Logger LOG = LoggerFactory.getLogger(MethodList.class);

    private final String name;
    private final Kind kind;
    private final List<String> methods;
    private final MethodProviders<CredentialStore> stores = new MethodProviders<>();
    private final MethodProviders<Authorizer> authorizers = new MethodProviders<>();
    private final CredentialStore credentials;
    private final Authorizer authorizer;

    @Activate
    public MethodList(MethodListConfiguration config) {
        this(config.aaa_list_name(), kind(config.aaa_list_kind()), parseMethods(config.methods()));
        LOG.info("aaa {} {} {}", kind.word(), name, String.join(" ", methods));
    }

    MethodList(String name, Kind kind, List<String> methods) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("aaa.list.name is missing");
        }
        if (kind == Kind.ACCOUNTING && methods.contains("local")) {
            throw new IllegalArgumentException("aaa accounting network " + name + ": accounting goes to server groups "
                    + "only (start-stop group NAME), not 'local'");
        }
        this.name = name;
        this.kind = kind;
        this.methods = List.copyOf(methods);
        this.credentials = new ListCredentials(new MethodChain<>(name, methods, stores::find,
                r -> r instanceof AuthResult.Unavailable, AuthResult.Unavailable::new),
                new MethodChain<>(name, methods, stores::find,
                        r -> r instanceof CredentialStore.CredentialLookup.Unavailable,
                        CredentialStore.CredentialLookup.Unavailable::new));
        MethodChain<Authorizer, Authorizer.AuthorizationResult> chain = new MethodChain<>(name, methods,
                authorizers::find, r -> r instanceof Authorizer.AuthorizationResult.Unavailable,
                Authorizer.AuthorizationResult.Unavailable::new);
        this.authorizer = (k, n) -> chain.ask(a -> a.authorize(k, n));
    }

    static Kind kind(String word) {
        try {
            return Kind.valueOf(word.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("aaa.list.kind must be authentication, authorization or accounting, "
                    + "not '" + word + "'", e);
        }
    }

    /** {@code "group radius local"} to {@code ["group radius", "local"]}. */
    static List<String> parseMethods(String text) {
        String[] words = text == null ? new String[0] : text.strip().split("\\s+");
        List<String> methods = new ArrayList<>();
        for (int i = 0; i < words.length && !words[i].isEmpty(); i++) {
            String method;
            if ("local".equals(words[i])) {
                method = "local";
            } else if ("group".equals(words[i]) && i + 1 < words.length && words[i + 1].length() <= MAX_GROUP_NAME) {
                method = "group " + words[++i];
            } else {
                throw new IllegalArgumentException("unsupported method '" + words[i] + "' in '" + text
                        + "': use local or group NAME");
            }
            if (methods.contains(method)) {
                throw new IllegalArgumentException("method " + method + " listed twice in '" + text + "'");
            }
            methods.add(method);
        }
        if (methods.isEmpty() || methods.size() > MAX_METHODS) {
            throw new IllegalArgumentException("a method list has 1.." + MAX_METHODS + " methods, not '" + text + "'");
        }
        return methods;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCredentialStore(CredentialStore store, Map<String, Object> properties) {
        stores.add(store, properties);
    }

    void unbindCredentialStore(CredentialStore store, Map<String, Object> properties) {
        stores.remove(properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAuthorizer(Authorizer service, Map<String, Object> properties) {
        authorizers.add(service, properties);
    }

    void unbindAuthorizer(Authorizer service, Map<String, Object> properties) {
        authorizers.remove(properties);
    }

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
        return methods;
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public Authorizer authorizer() {
        return authorizer;
    }

    /** The list seen as one credential store. */
    private record ListCredentials(MethodChain<CredentialStore, AuthResult> passwords,
            MethodChain<CredentialStore, CredentialLookup> lookups) implements CredentialStore {

        @Override
        public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
            return passwords.ask(s -> s.verifyPassword(username, password));
        }

        @Override
        public CompletionStage<CredentialLookup> ntHash(String username) {
            return lookups.ask(s -> s.ntHash(username));
        }

        @Override
        public CompletionStage<CredentialLookup> cleartext(String username) {
            return lookups.ask(s -> s.cleartext(username));
        }
    }
}
