package io.flexgate.ikev2.message;

import java.util.Optional;

/**
 * What decoding one datagram gave (AOSP's {@code DecodeResult} idea). The split between protected and
 * unprotected errors follows RFC 7296 section 2.21: only a message whose integrity was verified may be
 * answered with an error notification; anything else is dropped (and at most logged).
 */
public sealed interface DecodeResult {

    /** A complete, valid message. */
    record Ok(IkeMessage message) implements DecodeResult {
    }

    /**
     * A fragment was verified and stored; the message is not complete yet.
     *
     * @param header   the header of the fragment
     * @param received the number of the fragment just received (strongSwan logs it as {@code EF(received/total)})
     * @param total    the total number of fragments, 0 while unknown (Cisco fragments before the last one)
     */
    record Partial(IkeHeader header, int received, int total) implements DecodeResult {
    }

    /**
     * The SK payload verified, but its content broke a rule: the error may be sent back, protected, in a
     * response (RFC 7296 section 2.21.2).
     */
    record ProtectedError(IkeHeader header, IkeDecodeException error) implements DecodeResult {
    }

    /**
     * The message failed before any integrity check: drop it. For IKE_SA_INIT requests the responder may
     * answer INVALID_SYNTAX / INVALID_MAJOR_VERSION in the clear (RFC 7296 sections 2.5 and 2.21.1); the
     * header is empty when even it could not be read.
     */
    record UnprotectedError(Optional<IkeHeader> header, IkeDecodeException error) implements DecodeResult {
    }

    /** The ICV of an SK or SKF payload did not verify: drop silently (RFC 7296 section 2.21.2). */
    record IntegrityFailure(IkeHeader header, String reason) implements DecodeResult {
    }
}
