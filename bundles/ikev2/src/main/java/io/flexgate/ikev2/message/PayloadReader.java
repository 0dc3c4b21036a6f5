package io.flexgate.ikev2.message;

/**
 * Bounds-checked reading of big-endian fields from a window of a received datagram. Every read checks
 * the remaining length first and fails with INVALID_SYNTAX, so no decoder can run past its payload.
 */
final class PayloadReader {

    private final byte[] buf;
    private int position;
    private final int limit;

    PayloadReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("window outside the buffer");
        }
        this.buf = buf;
        this.position = offset;
        this.limit = offset + length;
    }

    int remaining() {
        return limit - position;
    }

    int position() {
        return position;
    }

    private void need(int n, String what) throws IkeDecodeException {
        if (n < 0 || n > limit - position) {
            throw IkeDecodeException.invalidSyntax("truncated " + what + ": need " + n + ", have " + (limit - position));
        }
    }

    int u8(String what) throws IkeDecodeException {
        need(1, what);
        return buf[position++] & 0xFF;
    }

    int u16(String what) throws IkeDecodeException {
        need(2, what);
        int v = ((buf[position] & 0xFF) << 8) | (buf[position + 1] & 0xFF);
        position += 2;
        return v;
    }

    long u32(String what) throws IkeDecodeException {
        need(4, what);
        long v = ((long) (buf[position] & 0xFF) << 24) | ((buf[position + 1] & 0xFF) << 16)
                | ((buf[position + 2] & 0xFF) << 8) | (buf[position + 3] & 0xFF);
        position += 4;
        return v;
    }

    long u64(String what) throws IkeDecodeException {
        return (u32(what) << 32) | u32(what);
    }

    void skip(int n, String what) throws IkeDecodeException {
        need(n, what);
        position += n;
    }

    Bytes bytes(int n, String what) throws IkeDecodeException {
        need(n, what);
        Bytes b = Bytes.of(buf, position, n);
        position += n;
        return b;
    }

    Bytes rest() {
        Bytes b = Bytes.of(buf, position, limit - position);
        position = limit;
        return b;
    }

    /** A reader over the next {@code n} octets; this reader moves past them. */
    PayloadReader slice(int n, String what) throws IkeDecodeException {
        need(n, what);
        PayloadReader r = new PayloadReader(buf, position, n);
        position += n;
        return r;
    }

    /** Fails unless every octet was consumed: trailing octets inside a structure are INVALID_SYNTAX. */
    void expectEnd(String what) throws IkeDecodeException {
        if (position != limit) {
            throw IkeDecodeException.invalidSyntax((limit - position) + " trailing octets in " + what);
        }
    }
}
