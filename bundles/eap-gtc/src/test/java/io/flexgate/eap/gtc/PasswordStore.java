package io.flexgate.eap.gtc;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A test CredentialStore with PAP semantics only, as a hashed local database or RADIUS PAP offers: it can
 * check a password but never hands one out. Remembers the secrets it was given so tests can see them wiped.
 */
final class PasswordStore implements CredentialStore {

    private final Map<String, byte[]> passwords = new HashMap<>();
    private final List<Secret> given = new ArrayList<>();
    private String downReason;
    private CompletableFuture<AuthResult> pending;

    PasswordStore user(String name, String password) {
        passwords.put(name, password.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    PasswordStore down(String reason) {
        downReason = reason;
        return this;
    }

    /** The next check stays open until the test completes the returned future (a slow RADIUS server). */
    CompletableFuture<AuthResult> holdNext() {
        pending = new CompletableFuture<>();
        return pending;
    }

    List<Secret> given() {
        return given;
    }

    @Override
    public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
        given.add(password);
        if (pending != null) {
            return pending;
        }
        if (downReason != null) {
            return CompletableFuture.completedFuture(new AuthResult.Unavailable(downReason));
        }
        byte[] stored = passwords.get(username);
        if (stored == null) {
            return CompletableFuture.completedFuture(new AuthResult.Rejected(username, "no such user"));
        }
        return CompletableFuture.completedFuture(password.equalsConstantTime(stored)
                ? new AuthResult.Accepted(username, AuthorizationAttributes.NONE)
                : new AuthResult.Rejected(username, "wrong password"));
    }

    @Override
    public CompletionStage<CredentialLookup> ntHash(String username) {
        throw new UnsupportedOperationException("EAP-GTC must not ask for NT hashes");
    }

    @Override
    public CompletionStage<CredentialLookup> cleartext(String username) {
        throw new UnsupportedOperationException("EAP-GTC must not ask for cleartext passwords");
    }
}
