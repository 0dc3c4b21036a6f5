package io.flexgate.eap.mschapv2;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.CredentialStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A test CredentialStore that hands out NT hashes, as aaa-local does for users with an NT hash entry. */
final class NtHashStore implements CredentialStore {

    private final Map<String, byte[]> ntHashes = new HashMap<>();
    private final Set<String> withoutNtHash = new HashSet<>();
    private String downReason;
    private boolean broken;
    private Secret lastHandedOut;

    NtHashStore user(String name, String password) {
        ntHashes.put(name, MsChapV2Crypto.ntPasswordHash(password.toCharArray()));
        return this;
    }

    NtHashStore withoutNtHash(String name) {
        withoutNtHash.add(name);
        return this;
    }

    NtHashStore down(String reason) {
        downReason = reason;
        return this;
    }

    NtHashStore broken() {
        broken = true;
        return this;
    }

    Secret lastHandedOut() {
        return lastHandedOut;
    }

    @Override
    public CompletionStage<CredentialLookup> ntHash(String username) {
        if (broken) {
            return CompletableFuture.failedFuture(new IllegalStateException("store exploded"));
        }
        if (downReason != null) {
            return CompletableFuture.completedFuture(new CredentialLookup.Unavailable(downReason));
        }
        if (withoutNtHash.contains(username)) {
            return CompletableFuture.completedFuture(
                    new CredentialLookup.NotAvailableInThisForm(username, "only a bcrypt hash is stored"));
        }
        byte[] hash = ntHashes.get(username);
        if (hash == null) {
            return CompletableFuture.completedFuture(new CredentialLookup.NoSuchUser(username));
        }
        lastHandedOut = Secret.copyOf(hash);
        return CompletableFuture.completedFuture(new CredentialLookup.Found(username, lastHandedOut));
    }

    @Override
    public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
        throw new UnsupportedOperationException("EAP-MSCHAPv2 must not verify cleartext passwords");
    }

    @Override
    public CompletionStage<CredentialLookup> cleartext(String username) {
        throw new UnsupportedOperationException("EAP-MSCHAPv2 must not ask for cleartext passwords");
    }
}
