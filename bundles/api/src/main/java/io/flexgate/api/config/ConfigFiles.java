package io.flexgate.api.config;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.felix.utils.properties.TypedProperties;

/**
 * Writes a configuration's {@code etc/} file whole and on disk, for code that changes a configuration through
 * ConfigAdmin: write the file first, record it ({@link #FILENAME_PROPERTY}, {@link #recordedValue}), then
 * update ConfigAdmin.
 *
 * <p>Why: Felix FileInstall reads {@code etc/*.cfg} at every start and puts a file's contents over what
 * ConfigAdmin holds, so the file is what survives a restart. ConfigAdmin keeps a configuration without a file
 * by deleting its old copy before renaming the new one into place, and a clean start removes that store; and
 * FileInstall's own write-back of ConfigAdmin's changes (off in the distribution: etc/custom.properties)
 * truncates the file and writes it again in place, later and with no flush to disk. A crash in any of those
 * gaps loses the change, or the whole object. Here the file is written whole under a hidden name, forced to
 * disk, renamed over the old one and the directory forced: a crash leaves the old file or the new one, never a
 * part, and the next start reads what was written. The format is FileInstall's own (Felix utils'
 * {@code TypedProperties}, a private copy: comments and layout of an existing file kept, values typed), so the
 * values read back are the values written.
 */
public final class ConfigFiles {

    /** The property in which FileInstall records the file a configuration came from. */
    public static final String FILENAME_PROPERTY = "felix.fileinstall.filename";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-r--r--");

    private ConfigFiles() {
    }

    /** Karaf's {@code etc/} ({@code karaf.etc}), where FileInstall reads configuration files; empty outside Karaf. */
    public static Optional<Path> etc() {
        return Optional.ofNullable(System.getProperty("karaf.etc")).map(Path::of);
    }

    /**
     * {@code etc/io.flexgate.pool-ACP00L.cfg}: FileInstall's name for factory configuration {@code ~ACP00L}. A
     * name may hold what a file name cannot ({@code interface GigabitEthernet0/0/1}): {@code /}, a backslash and
     * {@code %} are written as {@code %2F}, {@code %5C} and {@code %25}. The object keeps its name in its own
     * name attribute, which is what FileInstall's reading of the file then gives it.
     *
     * @throws IllegalArgumentException for an empty name
     */
    public static Path fileFor(Path etc, String factoryPid, String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a configuration of " + factoryPid + " needs a name for its etc/ file");
        }
        String safe = name.replace("%", "%25").replace("/", "%2F").replace("\\", "%5C").replace("\0", "%00");
        Path file = etc.resolve(factoryPid + "-" + safe + ".cfg");
        if (!etc.equals(file.getParent())) {
            throw new IllegalArgumentException("'" + name + "' does not name a file in " + etc);
        }
        return file;
    }

    /** The file a configuration came from, from the property FileInstall set (a {@code file:} URI). */
    public static Optional<Path> recorded(Dictionary<String, ?> properties) {
        Object value = properties == null ? null : properties.get(FILENAME_PROPERTY);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString();
        return Optional.of(text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text));
    }

    /**
     * The value FileInstall records for {@code file}. It looks configurations up by this exact string
     * ({@code File.toURI()}: {@code file:/etc/a.cfg}, not {@code Path.toUri()}'s {@code file:///etc/a.cfg}).
     */
    public static String recordedValue(Path file) {
        return new File(file.toAbsolutePath().toString()).toURI().toString();
    }

    /**
     * Writes the file of factory configuration {@code factoryPid~name}: the file {@code properties} records, or
     * {@link #fileFor} in {@code etc} when it records none; then records that file in {@code properties}, as
     * FileInstall would, ready for ConfigAdmin's update.
     */
    public static void persist(Path etc, String factoryPid, String name, Dictionary<String, Object> properties,
            boolean secret) throws IOException {
        Path file = recorded(properties).orElse(fileFor(etc, factoryPid, name));
        write(file, properties, secret);
        properties.put(FILENAME_PROPERTY, recordedValue(file));
    }

    /**
     * Replaces {@code file} with {@code properties} (FileInstall's and ConfigAdmin's own keys left out),
     * atomically and durably. Keys the file has and {@code properties} lacks are removed; comments stay.
     *
     * @param secret the properties hold a secret: the file is made readable by its owner only (otherwise an
     *        existing file keeps its permissions, and a new one is rw-r--r--)
     */
    public static void write(Path file, Dictionary<String, Object> properties, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        TypedProperties text = new TypedProperties();
        Set<PosixFilePermission> permissions = secret ? OWNER_ONLY : SHARED;
        if (Files.isRegularFile(file)) {
            text.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
            if (!secret && posix(dir)) {
                permissions = Files.getPosixFilePermissions(file);
            }
        }
        List<String> keys = new ArrayList<>();
        for (String key : Collections.list(properties.keys())) {
            if (!meta(key)) {
                keys.add(key);
            }
        }
        text.keySet().retainAll(keys);
        for (String key : keys) {
            text.put(key, properties.get(key));
        }
        StringWriter out = new StringWriter();
        text.save(out);
        String written = out.toString();
        checkReadsBack(file, written, properties, keys);
        replace(dir, file, written.getBytes(StandardCharsets.ISO_8859_1), permissions);
    }

    /**
     * FileInstall's format drops a backslash inside a list value or a quoted string when it reads the file
     * back (its own write-back has the same flaw). Such a value is refused here, the file left as it was,
     * rather than changed silently on the next start.
     */
    private static void checkReadsBack(Path file, String written, Dictionary<String, Object> properties,
            List<String> keys) throws IOException {
        TypedProperties read = new TypedProperties();
        read.load(new StringReader(written));
        for (String key : keys) {
            if (!Objects.deepEquals(normalized(read.get(key)), normalized(properties.get(key)))) {
                throw new IOException(file.getFileName() + ": the value of " + key + " would not read back the same "
                        + "from the file (FileInstall's format loses a backslash in it); nothing written");
            }
        }
    }

    /** Collections as arrays, so that a list and the array FileInstall reads it as compare equal. */
    private static Object normalized(Object value) {
        return value instanceof Collection<?> c ? c.toArray() : value;
    }

    private static boolean meta(String key) {
        return key.startsWith("service.") || key.startsWith("felix.fileinstall.");
    }

    /**
     * Writes {@code bytes} to a hidden file beside {@code file} (a name FileInstall's {@code *.cfg} filter never
     * picks up), forces it, renames it over {@code file} and forces the directory.
     */
    private static void replace(Path dir, Path file, byte[] bytes, Set<PosixFilePermission> permissions)
            throws IOException {
        Path temp = dir.resolve("." + file.getFileName() + ".partial");
        Files.deleteIfExists(temp);
        boolean posix = posix(dir);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            if (posix) {
                Files.setPosixFilePermissions(temp, permissions); // the umask may have narrowed the create mode
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        if (posix) {
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true); // the rename itself on disk
            }
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
