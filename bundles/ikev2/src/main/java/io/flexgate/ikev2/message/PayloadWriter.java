package io.flexgate.ikev2.message;

import java.util.Arrays;

/** Big-endian field writer with length back-patching, the counterpart of {@link PayloadReader}; codec-internal. */
public final class PayloadWriter {

    private byte[] buf = new byte[256];
    private int size;

    PayloadWriter() {
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    int size() {
        return size;
    }

    PayloadWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    PayloadWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    PayloadWriter u32(long v) {
        return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
    }

    PayloadWriter u64(long v) {
        return u32(v >>> 32).u32(v & 0xFFFFFFFFL);
    }

    PayloadWriter zeros(int n) {
        ensure(n);
        size += n;
        return this;
    }

    PayloadWriter bytes(Bytes b) {
        ensure(b.length());
        b.copyTo(buf, size);
        size += b.length();
        return this;
    }

    PayloadWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    /** Overwrites two octets at {@code at} (a length field written as zero before its content). */
    void patchU16(int at, int v) {
        if (v > 0xFFFF) {
            throw new IllegalArgumentException("length " + v + " does not fit in 16 bits");
        }
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    void patchU8(int at, int v) {
        buf[at] = (byte) v;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
