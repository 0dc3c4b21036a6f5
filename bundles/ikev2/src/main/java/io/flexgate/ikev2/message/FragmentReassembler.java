package io.flexgate.ikev2.message;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bounded reassembly of fragmented messages for one IKE SA: RFC 7383 SKF fragments (each already verified
 * and decrypted by the codec) and Cisco's proprietary fragments (payload 132, unverified ciphertext
 * pieces). Not thread-safe: owned by the IKE SA's executor. Memory is bounded by
 * {@value #MAX_MESSAGES} messages of at most {@value #MAX_REASSEMBLED_LENGTH} octets in
 * {@value #MAX_FRAGMENTS} fragments; an incomplete message is dropped after {@link #REASSEMBLY_TIMEOUT}.
 */
public final class FragmentReassembler {

    /** Fragments of one message; RFC 7383 leaves the limit to the implementation. */
    public static final int MAX_FRAGMENTS = 64;
    /** Octets of one reassembled message (fragment contents summed). */
    public static final int MAX_REASSEMBLED_LENGTH = 64 * 1024;
    /** Messages in reassembly at once: one request from the peer and one response to us. */
    public static final int MAX_MESSAGES = 2;
    /** How long an incomplete message is kept after its first fragment (RFC 7383 section 2.6). */
    public static final Duration REASSEMBLY_TIMEOUT = Duration.ofSeconds(30);

    private final Clock clock;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    /** One message in reassembly: RFC 7383 by message ID, Cisco by fragment ID. */
    private record Key(boolean cisco, boolean response, long id) {
    }

    private static final class Pending {
        final Instant started;
        final TreeMap<Integer, byte[]> pieces = new TreeMap<>();
        int total;
        int length;
        PayloadType firstInner = PayloadType.NONE;

        Pending(Instant started, int total) {
            this.started = started;
            this.total = total;
        }
    }

    /**
     * A complete message.
     *
     * @param firstInnerPayload type of the first inner payload (RFC 7383); NONE for Cisco fragments
     * @param content           the concatenated fragment contents
     */
    public record Reassembled(PayloadType firstInnerPayload, byte[] content) {
    }

    public FragmentReassembler(Clock clock) {
        this.clock = clock;
    }

    /**
     * Adds the decrypted content of a verified SKF fragment (RFC 7383 section 2.6): a fragment with a
     * smaller Total Fragments than the ones held is stale and ignored; a larger one means the peer
     * re-fragmented, so the held fragments are discarded.
     *
     * @return the message when this fragment completed it
     * @throws IkeDecodeException INVALID_SYNTAX when a limit is exceeded (the partial message is dropped)
     */
    public Optional<Reassembled> offer(IkeHeader header, EncryptedFragmentPayload fragment, byte[] plaintext)
            throws IkeDecodeException {
        if (fragment.totalFragments() > MAX_FRAGMENTS) {
            throw IkeDecodeException.invalidSyntax(fragment.totalFragments() + " fragments, at most " + MAX_FRAGMENTS);
        }
        Key key = new Key(false, header.response(), header.messageId());
        Pending p = pending(key, fragment.totalFragments());
        if (fragment.totalFragments() < p.total) {
            return Optional.empty();
        }
        if (fragment.totalFragments() > p.total) {
            pending.remove(key);
            p = pending(key, fragment.totalFragments());
        }
        if (fragment.fragmentNumber() == 1) {
            p.firstInner = fragment.firstInnerPayload();
        }
        return add(key, p, fragment.fragmentNumber(), plaintext);
    }

    /**
     * Adds a Cisco fragment (anchors.md section 2.7); the message is complete when the fragment flagged
     * last and all fragments before it are held.
     */
    public Optional<Reassembled> offer(IkeHeader header, CiscoFragmentPayload fragment) throws IkeDecodeException {
        if (fragment.fragmentNumber() > MAX_FRAGMENTS) {
            throw IkeDecodeException.invalidSyntax("Cisco fragment " + fragment.fragmentNumber());
        }
        Key key = new Key(true, header.response(), fragment.fragmentId());
        Pending p = pending(key, 0);
        if (fragment.last()) {
            if (p.total != 0 && p.total != fragment.fragmentNumber() || !p.pieces.isEmpty()
                    && p.pieces.lastKey() > fragment.fragmentNumber()) {
                pending.remove(key);
                throw IkeDecodeException.invalidSyntax("Cisco fragment " + fragment.fragmentNumber()
                        + " flagged last, inconsistent with the others");
            }
            p.total = fragment.fragmentNumber();
        } else if (p.total != 0 && fragment.fragmentNumber() >= p.total) {
            pending.remove(key);
            throw IkeDecodeException.invalidSyntax("Cisco fragment after the last one");
        }
        return add(key, p, fragment.fragmentNumber(), fragment.data().toByteArray());
    }

    private Pending pending(Key key, int total) {
        Instant now = clock.instant();
        expire(now);
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() == MAX_MESSAGES) {
                Iterator<Key> oldest = pending.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            p = new Pending(now, total);
            pending.put(key, p);
        }
        return p;
    }

    private Optional<Reassembled> add(Key key, Pending p, int number, byte[] content)
            throws IkeDecodeException {
        if (p.pieces.containsKey(number)) {
            return Optional.empty();
        }
        if (p.length + content.length > MAX_REASSEMBLED_LENGTH) {
            pending.remove(key);
            throw IkeDecodeException.invalidSyntax("reassembled message over " + MAX_REASSEMBLED_LENGTH + " octets");
        }
        if (p.pieces.size() == MAX_FRAGMENTS) {
            pending.remove(key);
            throw IkeDecodeException.invalidSyntax("more than " + MAX_FRAGMENTS + " fragments");
        }
        p.pieces.put(number, content);
        p.length += content.length;
        if (p.total == 0 || p.pieces.size() != p.total) {
            return Optional.empty();
        }
        pending.remove(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream(p.length);
        p.pieces.values().forEach(out::writeBytes);
        return Optional.of(new Reassembled(p.firstInner, out.toByteArray()));
    }

    /** Drops messages whose first fragment is older than {@link #REASSEMBLY_TIMEOUT}. */
    private void expire(Instant now) {
        pending.values().removeIf(p -> p.started.plus(REASSEMBLY_TIMEOUT).isBefore(now));
    }

    /** Fragments held for one message (for status output and tests). */
    public int pendingMessages() {
        expire(clock.instant());
        return pending.size();
    }
}
