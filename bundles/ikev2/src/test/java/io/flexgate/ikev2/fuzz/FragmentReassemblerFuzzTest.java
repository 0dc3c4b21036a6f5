package io.flexgate.ikev2.fuzz;


import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.CiscoFragmentPayload;
import io.flexgate.ikev2.message.EncryptedFragmentPayload;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.FragmentReassembler;
import io.flexgate.ikev2.message.IkeDecodeException;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.PayloadType;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of {@link FragmentReassembler}: the input is a script of RFC 7383 SKF fragments,
 * Cisco fragments and clock steps for one IKE SA. Whatever the order, numbers and sizes, the reassembler
 * answers with a message, nothing yet, or INVALID_SYNTAX, and never holds more than its documented bounds.
 */
class FragmentReassemblerFuzzTest {

    private static final int OP_SKF = 0;
    private static final int OP_CISCO = 1;
    private static final int OP_CLOCK = 2;
    /** Steps of a script; a longer input is ignored past this. */
    private static final int MAX_STEPS = 512;
    /**
     * Zero-filled SKF plaintexts by length / 256, made once: the reassembler keeps an SKF plaintext without
     * copying it and never writes to it, and a fresh 64 KiB array per step made allocation most of this target's
     * time.
     */
    private static final byte[][] ZEROS = new byte[256][];

    private static byte[] zeros(int length) {
        byte[] z = ZEROS[length >> 8];
        if (z == null) {
            z = new byte[length];
            ZEROS[length >> 8] = z;
        }
        return z;
    }

    /** A clock the script moves (the reassembler's timeout is tested without sleeping). */
    private static final class ScriptClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T20:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @FuzzTest(maxDuration = "45m", maxExecutions = 10_000_000)
    void offerScript(byte[] script) {
        ScriptClock clock = new ScriptClock();
        FragmentReassembler reassembler = new FragmentReassembler(clock);
        ByteBuffer in = ByteBuffer.wrap(script);
        for (int step = 0; step < MAX_STEPS && in.remaining() >= 5; step++) {
            int op = in.get() & 0xFF;
            int id = in.get() & 0xFF;
            int number = in.get() & 0xFF;
            int total = in.get() & 0xFF;
            int length = (in.get() & 0xFF) << 8;
            boolean response = (op & 0x04) != 0;
            IkeHeader header = IkeHeader.of(1L, 2L, ExchangeType.IKE_AUTH, !response, response, id);
            Optional<FragmentReassembler.Reassembled> whole;
            try {
                switch (op & 0x03) {
                    case OP_SKF -> {
                        if (number < 1 || number > total) {
                            continue;
                        }
                        whole = reassembler.offer(header, new EncryptedFragmentPayload(PayloadType.valueOf(id),
                                number, total, Bytes.EMPTY), zeros(length));
                    }
                    case OP_CISCO -> {
                        if (number < 1) {
                            continue;
                        }
                        whole = reassembler.offer(header, new CiscoFragmentPayload(id, number, (op & 0x08) != 0,
                                Bytes.of(zeros(length))));
                    }
                    case OP_CLOCK -> {
                        clock.now = clock.now.plus(Duration.ofSeconds(total));
                        whole = Optional.empty();
                    }
                    default -> whole = Optional.empty();
                }
            } catch (IkeDecodeException e) {
                // Plain checks in the loop: an AssertJ assertion per step made this target five times slower.
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    throw new AssertionError("INVALID_SYNTAX without a reason", e);
                }
                whole = Optional.empty();
            }
            if (whole.isPresent() && whole.get().content().length > FragmentReassembler.MAX_REASSEMBLED_LENGTH) {
                throw new AssertionError("reassembled " + whole.get().content().length + " octets, more than "
                        + FragmentReassembler.MAX_REASSEMBLED_LENGTH);
            }
            if (reassembler.pendingMessages() > FragmentReassembler.MAX_MESSAGES) {
                throw new AssertionError(reassembler.pendingMessages() + " messages pending, more than "
                        + FragmentReassembler.MAX_MESSAGES);
            }
        }
    }
}
