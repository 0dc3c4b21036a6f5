package io.flexgate.aaa.local;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.CredentialStore;
import io.flexgate.api.aaa.LocalUserAdmin;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local user database ({@code username ...}, {@code aaa ... local}): a {@link CredentialStore} with
 * {@code aaa.method=local}, and the {@link LocalUserAdmin} behind the {@code aaa:user-*} commands.
 *
 * <p>Users come from the database file ({@link UserFile}, written atomically and owner-only) and from
 * {@link ConfiguredUser} configurations, which win over a file entry of the same name. It is also
 * registered under its own class, private to this bundle, for {@link ConfiguredUser}. The file is read
 * once at activation; a file that cannot be read makes this store answer {@code Unavailable} for every user
 * it does not know from configuration (so a method list falls through to its next method, as IOS does on
 * an error) and refuses changes, so that a damaged file is never overwritten.
 *
 * <p>Password checks run PBKDF2 on a small pool of this component's own threads, never on the caller's
 * (an IKE SA executor); a full queue answers {@code Unavailable}. An unknown user costs the same PBKDF2
 * work as a wrong password, so timing does not tell which user names exist.
 */
@Component(service = {CredentialStore.class, LocalUserAdmin.class, LocalUserDatabase.class},
        configurationPid = "io.flexgate.aaa.local", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = CredentialStore.PROP_METHOD + "=local")
@Designate(ocd = LocalDatabaseConfiguration.class)
public final class LocalUserDatabase implements CredentialStore, LocalUserAdmin {

    /** Threads computing PBKDF2: bounded, since each check is deliberately expensive. */
    static final int VERIFY_THREADS = 2;
    /** Checks waiting beyond this many answer Unavailable rather than queue without bound. */
    static final int MAX_PENDING_CHECKS = 256;
    static final String DEFAULT_FILE = "flexgate/users.db";

    private static final Logger LOG = LoggerFactory.getLogger(LocalUserDatabase.class);

    private final UserFile file;
    private final int iterations;
    private final SecureRandom random;
    private final ThreadPoolExecutor verifier;
    private final PasswordHash timingDecoy;
    private final Map<String, UserEntry> configured = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    /** Immutable snapshot of the file's users; replaced under {@link #writeLock}. */
    private volatile Map<String, UserEntry> fileUsers;
    /** Why the file could not be read, or null. */
    private final String fileError;

    @Activate
    public LocalUserDatabase(LocalDatabaseConfiguration config) {
        this(resolve(config.users_file()), config.pbkdf2_iterations(), new SecureRandom());
    }

    LocalUserDatabase(Path path, int iterations, SecureRandom random) {
        this.file = new UserFile(path);
        this.iterations = iterations;
        this.random = random;
        this.timingDecoy = PasswordHash.decoy(iterations, random);
        Map<String, UserEntry> loaded;
        String error = null;
        try {
            loaded = file.load();
            LOG.info("local user database {}: {} user(s)", path, loaded.size());
            if (file.readableByOthers()) {
                LOG.warn("local user database {} is readable by group or others; its NT hashes are "
                        + "password-equivalent for MSCHAPv2: chmod 600 it", path);
            }
        } catch (IOException e) {
            loaded = Map.of();
            error = "local user database unreadable: " + e.getMessage();
            LOG.error("{}; users from it answer Unavailable and changes are refused until it is repaired", error);
        }
        this.fileUsers = Map.copyOf(loaded);
        this.fileError = error;
        AtomicInteger n = new AtomicInteger();
        this.verifier = new ThreadPoolExecutor(VERIFY_THREADS, VERIFY_THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_PENDING_CHECKS), r -> {
                    Thread t = new Thread(r, "aaa-local-verify-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    static Path resolve(String configured) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("karaf.data", "data")).resolve(DEFAULT_FILE);
    }

    @Deactivate
    void deactivate() {
        verifier.shutdownNow();
    }

    /** A user from configuration ({@link ConfiguredUser}), until {@link #removeConfigured}. */
    void addConfigured(UserEntry user) {
        UserEntry previous = configured.put(user.name(), user);
        LOG.info("local user {} from configuration{}", user.name(), previous == null ? "" : " (replaced)");
    }

    void removeConfigured(UserEntry user) {
        configured.remove(user.name(), user);
    }

    // ---- CredentialStore

    @Override
    public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
        char[] candidate = password.chars();
        CompletableFuture<AuthResult> result = new CompletableFuture<>();
        try {
            verifier.execute(() -> {
                try {
                    result.complete(check(username, candidate));
                } catch (RuntimeException e) {
                    result.complete(new AuthResult.Unavailable("local password check failed: " + e.getMessage()));
                } finally {
                    Arrays.fill(candidate, '\0');
                }
            });
        } catch (RejectedExecutionException e) {
            Arrays.fill(candidate, '\0');
            LOG.warn("local password check for {} refused: more than {} checks waiting", username, MAX_PENDING_CHECKS);
            result.complete(new AuthResult.Unavailable("local user database busy"));
        }
        return result;
    }

    private AuthResult check(String username, char[] candidate) {
        Lookup lookup = lookup(username);
        if (lookup instanceof Lookup.Failed failed) {
            return new AuthResult.Unavailable(failed.reason());
        }
        if (candidate.length == 0 || candidate.length > PasswordHash.MAX_PASSWORD_CHARS) {
            return new AuthResult.Rejected(username, "password length outside 1.." + PasswordHash.MAX_PASSWORD_CHARS);
        }
        if (lookup instanceof Lookup.Found found) {
            return found.entry().verifier().matches(candidate)
                    ? new AuthResult.Accepted(found.entry().name(), AuthorizationAttributes.NONE)
                    : new AuthResult.Rejected(username, "wrong password");
        }
        timingDecoy.matches(candidate);
        return new AuthResult.Rejected(username, "no such local user");
    }

    @Override
    public CompletionStage<CredentialLookup> ntHash(String username) {
        return CompletableFuture.completedFuture(credential(username, UserEntry::ntHash,
                "no NT hash stored; set the password again with aaa:user-add so MSCHAPv2 can work"));
    }

    @Override
    public CompletionStage<CredentialLookup> cleartext(String username) {
        return CompletableFuture.completedFuture(credential(username, UserEntry::cleartext,
                "password stored hashed only; re-add the user with --reversible for EAP-MD5"));
    }

    private CredentialLookup credential(String username, java.util.function.Function<UserEntry, Optional<byte[]>> form,
            String missing) {
        Lookup lookup = lookup(username);
        if (lookup instanceof Lookup.Failed failed) {
            return new CredentialLookup.Unavailable(failed.reason());
        }
        if (!(lookup instanceof Lookup.Found found)) {
            return new CredentialLookup.NoSuchUser(username);
        }
        Optional<byte[]> value = form.apply(found.entry());
        if (value.isEmpty()) {
            return new CredentialLookup.NotAvailableInThisForm(username, missing);
        }
        byte[] bytes = value.get();
        try {
            return new CredentialLookup.Found(found.entry().name(), Secret.copyOf(bytes));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private Lookup lookup(String username) {
        UserEntry entry = configured.get(username);
        if (entry == null) {
            entry = fileUsers.get(username);
        }
        if (entry != null) {
            return new Lookup.Found(entry);
        }
        return fileError != null ? new Lookup.Failed(fileError) : new Lookup.Unknown();
    }

    private sealed interface Lookup {
        record Found(UserEntry entry) implements Lookup {
        }

        record Unknown() implements Lookup {
        }

        record Failed(String reason) implements Lookup {
        }
    }

    // ---- LocalUserAdmin

    @Override
    public UserChange addUser(String username, Secret password, boolean reversible) {
        char[] chars = password.chars();
        try {
            return add(username, chars, reversible);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public UserChange importIosLine(String line, boolean reversible) {
        IosUsernameLine.Parsed parsed;
        try {
            parsed = IosUsernameLine.parse(line);
        } catch (IllegalArgumentException e) {
            return new UserChange.Refused("", e.getMessage());
        }
        try {
            return add(parsed.username(), parsed.password(), reversible);
        } finally {
            Arrays.fill(parsed.password(), '\0');
        }
    }

    private UserChange add(String username, char[] password, boolean reversible) {
        Optional<String> refusal = refusal(username);
        if (refusal.isPresent()) {
            return new UserChange.Refused(username, refusal.get());
        }
        if (password.length == 0 || password.length > PasswordHash.MAX_PASSWORD_CHARS) {
            return new UserChange.Refused(username, "password length outside 1.." + PasswordHash.MAX_PASSWORD_CHARS);
        }
        UserEntry entry = UserEntry.fromPassword(username, password, reversible, iterations, random);
        synchronized (writeLock) {
            Map<String, UserEntry> next = new LinkedHashMap<>(fileUsers);
            boolean replaced = next.put(username, entry) != null;
            Optional<String> failure = persist(next);
            if (failure.isPresent()) {
                return new UserChange.Refused(username, failure.get());
            }
            if (reversible) {
                LOG.warn("local user {} stored with a reversible password (for EAP-MD5): the database file now "
                        + "holds it in clear", username);
            }
            LOG.info("local user {} {}", username, replaced ? "password changed" : "added");
            return new UserChange.Added(username, replaced);
        }
    }

    @Override
    public UserChange removeUser(String username) {
        Optional<String> refusal = refusal(username);
        if (refusal.isPresent()) {
            return new UserChange.Refused(username, refusal.get());
        }
        synchronized (writeLock) {
            if (!fileUsers.containsKey(username)) {
                return new UserChange.Refused(username, "no such local user");
            }
            Map<String, UserEntry> next = new LinkedHashMap<>(fileUsers);
            next.remove(username);
            Optional<String> failure = persist(next);
            if (failure.isPresent()) {
                return new UserChange.Refused(username, failure.get());
            }
            LOG.info("local user {} removed", username);
            return new UserChange.Removed(username);
        }
    }

    /** Why {@code username} cannot be changed through this service, if it cannot. */
    private Optional<String> refusal(String username) {
        try {
            UserEntry.checkName(username);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (configured.containsKey(username)) {
            return Optional.of("defined in configuration io.flexgate.aaa.user~" + username + "; change it there");
        }
        if (fileError != null) {
            return Optional.of(fileError);
        }
        return Optional.empty();
    }

    /** Writes {@code next} and publishes it; on failure nothing changes. Caller holds {@link #writeLock}. */
    private Optional<String> persist(Map<String, UserEntry> next) {
        try {
            file.write(next.values());
        } catch (IOException e) {
            LOG.error("local user database {} could not be written: {}", file.path(), e.toString());
            return Optional.of("could not write " + file.path() + ": " + e.getMessage());
        }
        fileUsers = Map.copyOf(next);
        return Optional.empty();
    }

    @Override
    public List<LocalUser> users() {
        Map<String, LocalUser> all = new LinkedHashMap<>();
        fileUsers.values().forEach(u -> all.put(u.name(), new LocalUser(u.name(), Origin.DATABASE, u.forms())));
        configured.values().forEach(u -> all.put(u.name(), new LocalUser(u.name(), Origin.CONFIGURATION, u.forms())));
        List<LocalUser> sorted = new ArrayList<>(all.values());
        sorted.sort(Comparator.comparing(LocalUser::username));
        return List.copyOf(sorted);
    }

    @Override
    public Optional<LocalUser> user(String username) {
        UserEntry c = configured.get(username);
        if (c != null) {
            return Optional.of(new LocalUser(c.name(), Origin.CONFIGURATION, c.forms()));
        }
        return Optional.ofNullable(fileUsers.get(username))
                .map(u -> new LocalUser(u.name(), Origin.DATABASE, u.forms()));
    }
}
