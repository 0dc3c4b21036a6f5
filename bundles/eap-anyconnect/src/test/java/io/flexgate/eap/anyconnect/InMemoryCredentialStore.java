package io.flexgate.eap.anyconnect;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A credential store over a map, for tests; it can be switched to "unavailable". */
class InMemoryCredentialStore implements CredentialStore {

    private final Map<String, String> passwords;
    private final boolean available;
    /** The secrets it was handed, so tests can check that the method wiped them. */
    final List<Secret> seen = new ArrayList<>();

    InMemoryCredentialStore(Map<String, String> passwords, boolean available) {
        this.passwords = Map.copyOf(passwords);
        this.available = available;
    }

    @Override
    public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
        seen.add(password);
        if (!available) {
            return CompletableFuture.completedFuture(new AuthResult.Unavailable("database offline"));
        }
        String stored = passwords.get(username);
        if (stored == null) {
            return CompletableFuture.completedFuture(new AuthResult.Rejected(username, "no such user"));
        }
        if (!password.equalsConstantTime(stored.getBytes(StandardCharsets.UTF_8))) {
            return CompletableFuture.completedFuture(new AuthResult.Rejected(username, "wrong password"));
        }
        return CompletableFuture.completedFuture(new AuthResult.Accepted(username, AuthorizationAttributes.NONE));
    }

    @Override
    public CompletionStage<CredentialLookup> ntHash(String username) {
        return CompletableFuture.completedFuture(new CredentialLookup.NotAvailableInThisForm(username, "test store"));
    }

    @Override
    public CompletionStage<CredentialLookup> cleartext(String username) {
        return CompletableFuture.completedFuture(new CredentialLookup.NotAvailableInThisForm(username, "test store"));
    }
}
