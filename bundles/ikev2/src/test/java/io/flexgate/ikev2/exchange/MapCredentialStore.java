package io.flexgate.ikev2.exchange;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bouncycastle.crypto.digests.MD4Digest;

/** Users and cleartext passwords in memory; NT hashes computed as RFC 2759 section 8.3 says (MD4 of UTF-16LE). */
final class MapCredentialStore implements CredentialStore {

    private final Map<String, String> passwords;

    MapCredentialStore(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    @Override
    public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
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
        String stored = passwords.get(username);
        if (stored == null) {
            return CompletableFuture.completedFuture(new CredentialLookup.NoSuchUser(username));
        }
        byte[] utf16 = stored.getBytes(StandardCharsets.UTF_16LE);
        MD4Digest md4 = new MD4Digest();
        md4.update(utf16, 0, utf16.length);
        byte[] hash = new byte[md4.getDigestSize()];
        md4.doFinal(hash, 0);
        return CompletableFuture.completedFuture(new CredentialLookup.Found(username, Secret.copyOf(hash)));
    }

    @Override
    public CompletionStage<CredentialLookup> cleartext(String username) {
        String stored = passwords.get(username);
        return CompletableFuture.completedFuture(stored == null ? new CredentialLookup.NoSuchUser(username)
                : new CredentialLookup.Found(username, Secret.copyOf(stored.getBytes(StandardCharsets.UTF_8))));
    }
}
