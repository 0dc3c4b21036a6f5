package io.flexgate.pki;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes key material so that only the owner can ever read it: the temporary file is created rw-------
 * (never widened afterwards) in a rwx------ directory, then moved over the target atomically.
 */
final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    /** For certificates that clients import: readable by all. */
    static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private OwnerOnlyFiles() {
    }

    static void writeSecret(Path target, byte[] content) throws IOException {
        write(target, content, OWNER_ONLY_FILE);
    }

    static void writePublic(Path target, byte[] content) throws IOException {
        write(target, content, PUBLIC_FILE);
    }

    /** Creates {@code dir} and its missing parents as rwx------; an existing directory is left as it is. */
    static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getParent() != null) {
            createDirectories(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
    }

    private static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path absolute = target.toAbsolutePath();
        createDirectories(absolute.getParent());
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE);
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp", ownerOnly);
        try {
            Files.write(temp, content);
            if (!permissions.equals(OWNER_ONLY_FILE)) {
                Files.setPosixFilePermissions(temp, permissions);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
