package io.flexgate.aaa.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.CredentialStore.CredentialLookup;
import io.flexgate.api.aaa.LocalUserAdmin.CredentialForm;
import io.flexgate.api.aaa.LocalUserAdmin.LocalUser;
import io.flexgate.api.aaa.LocalUserAdmin.Origin;
import io.flexgate.api.aaa.LocalUserAdmin.UserChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalUserDatabaseTest {

    static final int ITERATIONS = PasswordHash.MIN_ITERATIONS;

    @TempDir
    Path dir;

    private LocalUserDatabase db;

    private LocalUserDatabase open() {
        if (db != null) {
            db.deactivate();
        }
        db = new LocalUserDatabase(dir.resolve("flexgate/users.db"), ITERATIONS, new SecureRandom());
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.deactivate();
        }
    }

    static Secret pw(String s) {
        return Secret.ofPassword(s.toCharArray());
    }

    static AuthResult verify(LocalUserDatabase store, String user, String password) throws Exception {
        return store.verifyPassword(user, pw(password)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static CredentialLookup get(java.util.concurrent.CompletionStage<CredentialLookup> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void addedUserAuthenticatesAfterARestartAndWrongPasswordIsRejected() throws Exception {
        assertThat(open().addUser("test", pw("cisco123"), false)).isEqualTo(new UserChange.Added("test", false));
        LocalUserDatabase reopened = open();
        assertThat(verify(reopened, "test", "cisco123")).isInstanceOf(AuthResult.Accepted.class);
        assertThat(verify(reopened, "test", "cisco124"))
                .isEqualTo(new AuthResult.Rejected("test", "wrong password"));
        assertThat(verify(reopened, "nobody", "cisco123"))
                .isEqualTo(new AuthResult.Rejected("nobody", "no such local user"));
    }

    @Test
    void ntHashIsStoredButTheClearPasswordOnlyOnRequest() throws Exception {
        LocalUserDatabase store = open();
        store.addUser("mschap", pw("clientPass"), false);
        store.addUser("md5", pw("secret"), true);
        CredentialLookup nt = get(store.ntHash("mschap"));
        assertThat(nt).isInstanceOf(CredentialLookup.Found.class);
        assertThat(HexFormat.of().withUpperCase().formatHex(((CredentialLookup.Found) nt).value().bytes()))
                .isEqualTo("44EBBA8D5312B8D611474411F56989AE");
        assertThat(get(store.cleartext("mschap"))).isInstanceOf(CredentialLookup.NotAvailableInThisForm.class);
        CredentialLookup clear = get(open().cleartext("md5"));
        assertThat(new String(((CredentialLookup.Found) clear).value().bytes(), StandardCharsets.UTF_8))
                .isEqualTo("secret");
        assertThat(get(db.ntHash("ghost"))).isEqualTo(new CredentialLookup.NoSuchUser("ghost"));
        assertThat(db.users()).containsExactly(
                new LocalUser("md5", Origin.DATABASE, java.util.Set.of(CredentialForm.values())),
                new LocalUser("mschap", Origin.DATABASE,
                        java.util.Set.of(CredentialForm.PASSWORD_HASH, CredentialForm.NT_HASH)));
    }

    @Test
    void fileIsOwnerOnlyAndHoldsNoClearPassword() throws Exception {
        open().addUser("test", pw("cisco123"), false);
        Path file = dir.resolve("flexgate/users.db");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(file)).contains("user test pbkdf2-sha256$").doesNotContain("cisco123")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString("cisco123".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void looseFilePermissionsAreNoticed() throws Exception {
        open().addUser("test", pw("cisco123"), false);
        UserFile file = new UserFile(dir.resolve("flexgate/users.db"));
        assertThat(file.readableByOthers()).isFalse();
        Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(file.readableByOthers()).isTrue();
        // The next write puts the file back to owner-only.
        open().addUser("alice", pw("wonderland"), false);
        assertThat(file.readableByOthers()).isFalse();
    }

    @Test
    void removeAndReplace() throws Exception {
        LocalUserDatabase store = open();
        store.addUser("test", pw("old-password"), false);
        assertThat(store.addUser("test", pw("cisco123"), false)).isEqualTo(new UserChange.Added("test", true));
        assertThat(verify(store, "test", "old-password")).isInstanceOf(AuthResult.Rejected.class);
        assertThat(store.removeUser("test")).isEqualTo(new UserChange.Removed("test"));
        assertThat(store.removeUser("test")).isEqualTo(new UserChange.Refused("test", "no such local user"));
        assertThat(open().users()).isEmpty();
    }

    @Test
    void iosUsernameLinesAreImportedHashed() throws Exception {
        LocalUserDatabase store = open();
        assertThat(store.importIosLine("username test password 0 cisco123", false))
                .isEqualTo(new UserChange.Added("test", false));
        assertThat(store.importIosLine("username admin privilege 15 secret 0 two words", false))
                .isEqualTo(new UserChange.Added("admin", false));
        assertThat(verify(store, "test", "cisco123")).isInstanceOf(AuthResult.Accepted.class);
        assertThat(verify(store, "admin", "two words")).isInstanceOf(AuthResult.Accepted.class);
        UserChange type9 = store.importIosLine("username x secret 9 $9$abc$def", false);
        assertThat(type9).isInstanceOf(UserChange.Refused.class);
        assertThat(((UserChange.Refused) type9).reason()).contains("type 9 is not supported");
    }

    @Test
    void leftoverTempFileFromACrashIsIgnoredAndReplacedOnNextWrite() throws Exception {
        open().addUser("test", pw("cisco123"), false);
        Path temp = dir.resolve("flexgate/users.db.tmp");
        // A crash between writing the temp file and the rename leaves a partial temp file behind.
        Files.writeString(temp, "user half-written pbkdf2-sha256$10000$tru");
        LocalUserDatabase reopened = open();
        assertThat(reopened.users()).extracting(LocalUser::username).containsExactly("test");
        assertThat(verify(reopened, "test", "cisco123")).isInstanceOf(AuthResult.Accepted.class);
        reopened.addUser("alice", pw("wonderland"), false);
        assertThat(temp).doesNotExist();
        assertThat(open().users()).extracting(LocalUser::username).containsExactly("alice", "test");
    }

    @Test
    void damagedFileMakesTheStoreUnavailableAndIsNeverOverwritten() throws Exception {
        open().addUser("test", pw("cisco123"), false);
        Path file = dir.resolve("flexgate/users.db");
        String good = Files.readString(file);
        String damaged = good.replace("user test pbkdf2-sha256$", "user test pbkdf2-sha999$");
        Files.writeString(file, damaged);
        LocalUserDatabase store = open();
        assertThat(verify(store, "test", "cisco123")).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(get(store.ntHash("test"))).isInstanceOf(CredentialLookup.Unavailable.class);
        assertThat(store.addUser("alice", pw("wonderland"), false)).isInstanceOf(UserChange.Refused.class);
        assertThat(Files.readString(file)).isEqualTo(damaged);
    }

    @Test
    void configuredUserWinsOverTheFileAndCannotBeChangedHere() throws Exception {
        LocalUserDatabase store = open();
        store.addUser("test", pw("from-file"), false);
        UserEntry entry = UserEntry.fromPassword("test", "cisco123".toCharArray(), false, ITERATIONS,
                new SecureRandom());
        ConfiguredUser configured = configuredUser(entry, store);
        assertThat(verify(store, "test", "cisco123")).isInstanceOf(AuthResult.Accepted.class);
        assertThat(verify(store, "test", "from-file")).isInstanceOf(AuthResult.Rejected.class);
        assertThat(store.user("test")).get().extracting(LocalUser::origin).isEqualTo(Origin.CONFIGURATION);
        assertThat(store.removeUser("test")).isInstanceOf(UserChange.Refused.class);
        configured.deactivate();
        assertThat(verify(store, "test", "from-file")).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void badNamesAreRefused() {
        LocalUserDatabase store = open();
        assertThat(store.addUser("two words", pw("x"), false)).isInstanceOf(UserChange.Refused.class);
        assertThat(store.addUser("a".repeat(UserEntry.MAX_USERNAME_CHARS + 1), pw("x"), false))
                .isInstanceOf(UserChange.Refused.class);
        assertThat(store.addUser("line\nbreak", pw("x"), false)).isInstanceOf(UserChange.Refused.class);
    }

    /** A {@link ConfiguredUser} as DS would build it from a configuration holding hashes only. */
    static ConfiguredUser configuredUser(UserEntry entry, LocalUserDatabase store) {
        String nt = HexFormat.of().formatHex(entry.ntHash().orElseThrow());
        return new ConfiguredUser(userConfig(entry.name(), entry.verifier().encode(), nt, "", false), store);
    }

    static UserConfiguration userConfig(String name, String hash, String nt, String password, boolean reversible) {
        return ConfigProxy.of(UserConfiguration.class, Map.of("name", name, "password.hash", hash, "nt.hash", nt,
                "password", password, "reversible", Boolean.toString(reversible)));
    }
}
