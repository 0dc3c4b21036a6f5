package io.flexgate.eap.md5;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A test CredentialStore for EAP-MD5: users stored reversibly or hashed only, or the whole store down. */
final class ReversibleStore implements CredentialStore {

    private final Map<String, String> reversible = new HashMap<>();
    private final Set<String> hashedOnly = new HashSet<>();
    private String downReason;
    private boolean broken;
    private int lookups;

    ReversibleStore reversible(String user, String password) {
        reversible.put(user, password);
        return this;
    }

    ReversibleStore hashedOnly(String user) {
        hashedOnly.add(user);
        return this;
    }

    ReversibleStore down(String reason) {
        downReason = reason;
        return this;
    }

    /** Every stage completes exceptionally, as a store with a bug would. */
    ReversibleStore broken() {
        broken = true;
        return this;
    }

    int lookups() {
        return lookups;
    }

    @Override
    public CompletionStage<CredentialLookup> cleartext(String username) {
        lookups++;
        if (broken) {
            return CompletableFuture.failedFuture(new IllegalStateException("store exploded"));
        }
        if (downReason != null) {
            return CompletableFuture.completedFuture(new CredentialLookup.Unavailable(downReason));
        }
        if (hashedOnly.contains(username)) {
            return CompletableFuture.completedFuture(
                    new CredentialLookup.NotAvailableInThisForm(username, "local user has a PBKDF2 hash only"));
        }
        String password = reversible.get(username);
        return CompletableFuture.completedFuture(password == null ? new CredentialLookup.NoSuchUser(username)
                : new CredentialLookup.Found(username, Secret.copyOf(password.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
        throw new UnsupportedOperationException("EAP-MD5 must not verify cleartext passwords");
    }

    @Override
    public CompletionStage<CredentialLookup> ntHash(String username) {
        throw new UnsupportedOperationException("EAP-MD5 must not ask for NT hashes");
    }
}
