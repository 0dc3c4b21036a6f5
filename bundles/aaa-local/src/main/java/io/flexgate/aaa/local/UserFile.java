package io.flexgate.aaa.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local user database file, one line per user:
 * <pre>
 * user NAME pbkdf2-sha256$ITER$SALT$HASH nt=HEX clear=BASE64
 * </pre>
 * ({@code nt=} and {@code clear=} only when stored). The file is password-equivalent for MSCHAPv2 (NT
 * hashes) and, for reversible entries, holds passwords: it and its directory are created owner-only.
 *
 * <p>Writes are atomic: the new content goes to {@code NAME.tmp}, is forced to disk, and is renamed over
 * the file, and the directory is forced too; a crash leaves either the old or the new file, never a mix.
 * A {@code .tmp} left behind by a crash is never read, and the next write replaces it.
 */
final class UserFile {

    /** A database larger than this is refused when read (a VPN's local users, not a directory service). */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    static final String HEADER = "# FlexGate local users, format 1. Password-equivalent for MSCHAPv2: keep owner-only.";
    static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    UserFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    Path tempPath() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * Reads the users; an absent file is an empty database.
     *
     * @throws IOException when the file cannot be read or a line is malformed (the message names the line
     *                     number, never its content)
     */
    Map<String, UserEntry> load() throws IOException {
        Map<String, UserEntry> users = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return users;
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                UserEntry user = parseLine(line);
                if (users.putIfAbsent(user.name(), user) != null) {
                    throw new IllegalArgumentException("user defined twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return users;
    }

    /** True when the file exists and its POSIX permissions let group or others read or write it. */
    boolean readableByOthers() throws IOException {
        if (!posix() || !Files.exists(file)) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        permissions.removeAll(FILE_PERMISSIONS);
        permissions.remove(PosixFilePermission.OWNER_EXECUTE);
        return !permissions.isEmpty();
    }

    /** Replaces the file with {@code users}, atomically. */
    void write(Iterable<UserEntry> users) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (UserEntry user : users) {
            text.append(formatLine(user)).append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        Path temp = tempPath();
        Files.deleteIfExists(temp);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), privateFile())) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(dir);
    }

    static String formatLine(UserEntry user) {
        StringBuilder line = new StringBuilder("user ").append(user.name()).append(' ')
                .append(user.verifier().encode());
        user.ntHash().ifPresent(nt -> line.append(" nt=").append(HexFormat.of().formatHex(nt)));
        user.cleartext().ifPresent(clear -> line.append(" clear=").append(Base64.getEncoder().encodeToString(clear)));
        return line.toString();
    }

    static UserEntry parseLine(String line) {
        String[] words = line.split(" ");
        if (words.length < 3 || !"user".equals(words[0])) {
            throw new IllegalArgumentException("not 'user NAME HASH [nt=HEX] [clear=BASE64]'");
        }
        Optional<byte[]> nt = Optional.empty();
        Optional<byte[]> clear = Optional.empty();
        for (int i = 3; i < words.length; i++) {
            if (words[i].startsWith("nt=") && nt.isEmpty()) {
                nt = Optional.of(HexFormat.of().parseHex(words[i].substring(3)));
            } else if (words[i].startsWith("clear=") && clear.isEmpty()) {
                clear = Optional.of(Base64.getDecoder().decode(words[i].substring(6)));
            } else {
                throw new IllegalArgumentException("unknown or repeated field " + (i + 1));
            }
        }
        return new UserEntry(words[1], PasswordHash.decode(words[2]), nt, clear);
    }

    private static FileAttribute<?>[] privateFile() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)}
                : new FileAttribute<?>[0];
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Makes the rename durable; some file systems cannot open a directory, which then is left to the OS. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (for example on Windows); the rename itself is still atomic.
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
