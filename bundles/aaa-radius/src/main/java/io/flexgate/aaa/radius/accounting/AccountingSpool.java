package io.flexgate.aaa.radius.accounting;

import io.flexgate.aaa.radius.packet.RadiusAttribute;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounting records on disk, one file per record, named by a zero-padded sequence number so that the
 * directory order is the delivery order. A record is written to a temporary file, forced to disk and
 * renamed into place (atomic on one file system), so a crash leaves either the whole record or none; a
 * record leaves the spool only when a server acknowledged it. After a restart the spool continues with
 * the next sequence number and delivers what is left, oldest first.
 *
 * <p>File layout: magic {@code FGA1}, created (epoch milliseconds, 8 octets), attribute count (2), the
 * attributes as RADIUS encodes them, CRC-32 of everything before it (4). A file that does not verify is
 * renamed to {@code .bad} and logged, never sent. Not thread-safe: one delivery thread owns it.
 */
public final class AccountingSpool {

    /** Most records kept; beyond it new records are refused (and logged), older ones still go out. */
    public static final int MAX_RECORDS = 100_000;
    /** RADIUS's own limit on a packet bounds a record file. */
    static final int MAX_FILE = 4096 + 18;
    static final int MAX_ATTRIBUTES = 2048;
    private static final byte[] MAGIC = {'F', 'G', 'A', '1'};
    private static final String SUFFIX = ".acct";
    private static final Pattern NAME = Pattern.compile("\\d{20}\\.acct");
    private static final Logger LOG = LoggerFactory.getLogger(AccountingSpool.class);

    private final Path directory;
    private final TreeSet<Long> sequences = new TreeSet<>();
    private long next;

    public AccountingSpool(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (NAME.matcher(n).matches()) {
                    sequences.add(Long.parseLong(n.substring(0, 20)));
                } else if (n.endsWith(".tmp")) {
                    Files.deleteIfExists(p); // a write that never reached its rename
                }
            }
        }
        next = sequences.isEmpty() ? 1 : sequences.last() + 1;
        if (!sequences.isEmpty()) {
            LOG.info("radius accounting spool {}: {} records left from before, delivering them first", directory,
                    sequences.size());
        }
    }

    public int size() {
        return sequences.size();
    }

    /** Stores a record durably; empty when the spool is full. */
    public Optional<AccountingRecord> append(Instant created, List<RadiusAttribute> attributes) throws IOException {
        if (sequences.size() >= MAX_RECORDS) {
            return Optional.empty();
        }
        long seq = next++;
        Path tmp = directory.resolve(name(seq) + ".tmp");
        byte[] data = encode(created, attributes);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file(seq), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file(seq));
        }
        sequences.add(seq);
        return Optional.of(new AccountingRecord(seq, created, attributes));
    }

    /** The oldest record that reads back intact; unreadable ones are set aside as {@code .bad}. */
    public Optional<AccountingRecord> oldest() throws IOException {
        while (!sequences.isEmpty()) {
            long seq = sequences.first();
            Path f = file(seq);
            try {
                return Optional.of(decode(seq, Files.readAllBytes(f)));
            } catch (IllegalArgumentException | IOException e) {
                LOG.error("radius accounting spool: record {} is unreadable ({}), set aside as .bad", f, e.getMessage());
                sequences.remove(seq);
                if (Files.exists(f)) {
                    Files.move(f, f.resolveSibling(f.getFileName() + ".bad"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return Optional.empty();
    }

    /** Removes a delivered record. */
    public void remove(long sequence) throws IOException {
        Files.deleteIfExists(file(sequence));
        sequences.remove(sequence);
    }

    private Path file(long seq) {
        return directory.resolve(name(seq) + SUFFIX);
    }

    private static String name(long seq) {
        return String.format("%020d", seq);
    }

    static byte[] encode(Instant created, List<RadiusAttribute> attributes) {
        int length = MAGIC.length + 8 + 2 + 4;
        for (RadiusAttribute a : attributes) {
            length += RadiusAttribute.HEADER + a.length();
        }
        if (length > MAX_FILE || attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("accounting record of " + length + " octets is too large");
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(MAGIC).putLong(created.toEpochMilli()).putShort((short) attributes.size());
        for (RadiusAttribute a : attributes) {
            b.put((byte) a.type()).put((byte) (a.length() + RadiusAttribute.HEADER)).put(a.value());
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static AccountingRecord decode(long sequence, byte[] data) {
        if (data.length < MAGIC.length + 14 || data.length > MAX_FILE
                || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a spooled accounting record");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        ByteBuffer b = ByteBuffer.wrap(data);
        if (b.getInt(data.length - 4) != (int) crc.getValue()) {
            throw new IllegalArgumentException("checksum does not match");
        }
        b.position(MAGIC.length);
        Instant created = Instant.ofEpochMilli(b.getLong());
        int count = b.getShort() & 0xffff;
        List<RadiusAttribute> attributes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (b.position() + RadiusAttribute.HEADER > data.length - 4) {
                throw new IllegalArgumentException("truncated attribute");
            }
            int type = b.get() & 0xff;
            int len = (b.get() & 0xff) - RadiusAttribute.HEADER;
            if (len < 0 || b.position() + len > data.length - 4) {
                throw new IllegalArgumentException("attribute length invalid");
            }
            byte[] v = new byte[len];
            b.get(v);
            attributes.add(new RadiusAttribute(type, v));
        }
        if (b.position() != data.length - 4) {
            throw new IllegalArgumentException("trailing octets");
        }
        return new AccountingRecord(sequence, created, attributes);
    }
}
