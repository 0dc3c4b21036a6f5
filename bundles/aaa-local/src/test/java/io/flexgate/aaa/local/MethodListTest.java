package io.flexgate.aaa.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AaaMethodList.Kind;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.aaa.CredentialStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** IOS method-list semantics: fall through only on an error, never after a reject. */
class MethodListTest {

    private final List<String> asked = new ArrayList<>();
    private long nextServiceId = 1;

    /** A store that gives one fixed answer and records that it was asked. */
    private final class FixedStore implements CredentialStore {
        private final String method;
        private final CompletionStage<AuthResult> answer;

        FixedStore(String method, CompletionStage<AuthResult> answer) {
            this.method = method;
            this.answer = answer;
        }

        @Override
        public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
            asked.add(method);
            return answer;
        }

        @Override
        public CompletionStage<CredentialLookup> ntHash(String username) {
            asked.add(method);
            return CompletableFuture.completedFuture(new CredentialLookup.Unavailable(method + " down"));
        }

        @Override
        public CompletionStage<CredentialLookup> cleartext(String username) {
            asked.add(method);
            return CompletableFuture.completedFuture(new CredentialLookup.NoSuchUser(username));
        }
    }

    private Map<String, Object> props(String method, int ranking) {
        return Map.of(CredentialStore.PROP_METHOD, method, "service.id", nextServiceId++, "service.ranking", ranking);
    }

    private void bind(MethodList list, String method, CompletionStage<AuthResult> answer) {
        list.bindCredentialStore(new FixedStore(method, answer), props(method, 0));
    }

    private static AuthResult verify(MethodList list) throws Exception {
        return list.credentials().verifyPassword("test", Secret.ofPassword("cisco123".toCharArray()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CompletionStage<AuthResult> answer(AuthResult r) {
        return CompletableFuture.completedFuture(r);
    }

    @Test
    void unavailableRadiusFallsThroughToLocal() throws Exception {
        MethodList list = new MethodList("L", Kind.AUTHENTICATION, MethodList.parseMethods("group radius local"));
        bind(list, "group radius", answer(new AuthResult.Unavailable("timeout")));
        bind(list, "local", answer(new AuthResult.Accepted("test", AuthorizationAttributes.NONE)));
        assertThat(verify(list)).isInstanceOf(AuthResult.Accepted.class);
        assertThat(asked).containsExactly("group radius", "local");
    }

    @Test
    void rejectStopsTheList() throws Exception {
        MethodList list = new MethodList("L", Kind.AUTHENTICATION, MethodList.parseMethods("group radius local"));
        bind(list, "group radius", answer(new AuthResult.Rejected("test", "Access-Reject")));
        bind(list, "local", answer(new AuthResult.Accepted("test", AuthorizationAttributes.NONE)));
        assertThat(verify(list)).isEqualTo(new AuthResult.Rejected("test", "Access-Reject"));
        assertThat(asked).containsExactly("group radius");
    }

    @Test
    void failedStageAndAbsentMethodCountAsErrors() throws Exception {
        MethodList list = new MethodList("L", Kind.AUTHENTICATION,
                MethodList.parseMethods("group missing group broken local"));
        bind(list, "group broken", CompletableFuture.failedFuture(new IllegalStateException("socket closed")));
        bind(list, "local", answer(new AuthResult.Rejected("test", "wrong password")));
        assertThat(verify(list)).isEqualTo(new AuthResult.Rejected("test", "wrong password"));
        assertThat(asked).containsExactly("group broken", "local");
    }

    @Test
    void allMethodsUnavailableIsUnavailableWithEveryReason() throws Exception {
        MethodList list = new MethodList("L", Kind.AUTHENTICATION, MethodList.parseMethods("group radius local"));
        bind(list, "local", answer(new AuthResult.Unavailable("database unreadable")));
        AuthResult result = verify(list);
        assertThat(result).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(((AuthResult.Unavailable) result).reason()).contains("group radius: not available")
                .contains("database unreadable");
    }

    @Test
    void lookupsFollowTheSameRules() throws Exception {
        MethodList list = new MethodList("L", Kind.AUTHENTICATION, MethodList.parseMethods("group radius local"));
        bind(list, "group radius", answer(new AuthResult.Unavailable("timeout")));
        bind(list, "local", answer(new AuthResult.Unavailable("x")));
        // ntHash: both unavailable, so both asked; cleartext: NoSuchUser from the first is final.
        assertThat(list.credentials().ntHash("test").toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(CredentialStore.CredentialLookup.Unavailable.class);
        assertThat(asked).containsExactly("group radius", "local");
        asked.clear();
        assertThat(list.credentials().cleartext("test").toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isEqualTo(new CredentialStore.CredentialLookup.NoSuchUser("test"));
        assertThat(asked).containsExactly("group radius");
    }

    @Test
    void aMethodThatComesLaterIsUsedAndOneThatGoesIsSkipped() throws Exception {
        MethodList list = new MethodList("L", Kind.AUTHENTICATION, MethodList.parseMethods("group radius local"));
        bind(list, "local", answer(new AuthResult.Rejected("test", "wrong password")));
        Map<String, Object> radiusProps = props("group radius", 0);
        list.bindCredentialStore(new FixedStore("group radius",
                answer(new AuthResult.Accepted("test", AuthorizationAttributes.NONE))), radiusProps);
        assertThat(verify(list)).isInstanceOf(AuthResult.Accepted.class);
        list.unbindCredentialStore(null, radiusProps);
        assertThat(verify(list)).isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void higherRankedServiceOfOneMethodWins() throws Exception {
        MethodList list = new MethodList("L", Kind.AUTHENTICATION, MethodList.parseMethods("local"));
        list.bindCredentialStore(new FixedStore("low", answer(new AuthResult.Rejected("test", "low"))),
                props("local", 0));
        list.bindCredentialStore(new FixedStore("high", answer(new AuthResult.Rejected("test", "high"))),
                props("local", 10));
        assertThat(verify(list)).isEqualTo(new AuthResult.Rejected("test", "high"));
    }

    @Test
    void authorizationListsFallThroughTheSameWay() throws Exception {
        MethodList list = new MethodList("A", Kind.AUTHORIZATION, MethodList.parseMethods("group radius local"));
        list.bindAuthorizer((k, n) -> CompletableFuture.completedFuture(
                new Authorizer.AuthorizationResult.Unavailable("timeout")), props("group radius", 0));
        AuthorizationAttributes attrs = new AuthorizationAttributes(java.util.Optional.of("ACP00L"),
                java.util.Optional.empty(), java.util.Optional.empty(), List.of(), java.util.Optional.empty(),
                java.util.Optional.empty(), List.of(), List.of(), List.of());
        list.bindAuthorizer((k, n) -> CompletableFuture.completedFuture(
                new Authorizer.AuthorizationResult.Authorized(attrs)), props("local", 0));
        assertThat(list.authorizer().authorize(Authorizer.Kind.GROUP, "ikev2-auth-policy").toCompletableFuture()
                .get(10, TimeUnit.SECONDS)).isEqualTo(new Authorizer.AuthorizationResult.Authorized(attrs));
    }

    @Test
    void accountingListsNameServerGroupsOnly() {
        MethodList acct = new MethodList("r-acct", Kind.ACCOUNTING, MethodList.parseMethods("group radius group backup"));
        assertThat(acct.methods()).containsExactly("group radius", "group backup");
        assertThat(acct.kind().word()).isEqualTo("accounting");
        assertThatThrownBy(() -> new MethodList("l-acct", Kind.ACCOUNTING, MethodList.parseMethods("group radius local")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 'local'");
    }

    @Test
    void methodsAreParsedAsIosWritesThem() {
        assertThat(MethodList.parseMethods("group radius local")).containsExactly("group radius", "local");
        assertThat(MethodList.parseMethods(" local ")).containsExactly("local");
        assertThatThrownBy(() -> MethodList.parseMethods("none")).hasMessageContaining("unsupported method 'none'");
        assertThatThrownBy(() -> MethodList.parseMethods("group")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> MethodList.parseMethods("local local")).hasMessageContaining("twice");
        assertThatThrownBy(() -> MethodList.parseMethods("")).hasMessageContaining("1..4 methods");
        assertThatThrownBy(() -> MethodList.parseMethods("group a group b group c group d local"))
                .hasMessageContaining("1..4 methods");
        assertThat(MethodList.kind("Authentication")).isEqualTo(Kind.AUTHENTICATION);
        assertThatThrownBy(() -> MethodList.kind("login")).hasMessageContaining("aaa.list.kind");
    }
}
