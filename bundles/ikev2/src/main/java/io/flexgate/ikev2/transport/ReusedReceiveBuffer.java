package io.flexgate.ikev2.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import java.nio.ByteBuffer;

/**
 * Reads every datagram of a socket into one buffer of {@code capacity} octets, made once per socket. A datagram is
 * cut silently to the buffer it is read into, so each read needs room for the largest one; allocating that room per
 * read (Netty's {@code FixedRecvByteBufAllocator}) fell back to a fresh, zeroed 64 KiB direct buffer per datagram
 * inside Karaf, which was a sixth of the event loops' time under an IKE_SA_INIT flood.
 *
 * <p>Each read gets a retained duplicate of the socket's buffer. The receiving handler copies an IKE message out, and
 * the data plane owns an ESP packet only during its call, so the duplicate is released before the next read; should
 * anything keep it, the next read leaves the buffer to it and makes a new one. The buffer wraps a JDK direct buffer,
 * so the garbage collector frees it when its socket goes.
 */
final class ReusedReceiveBuffer extends DefaultMaxMessagesRecvByteBufAllocator {

    /**
     * Datagrams read per wake-up of the event loop. An allocator set as a channel option keeps its own figure, and
     * Netty's default for one made without it is 1: a wake-up per datagram, and a flush (one {@code sendto}) per
     * reply. With a batch, the replies to a batch leave in one {@code sendmmsg}.
     */
    static final int DATAGRAMS_PER_READ = 32;

    private final int capacity;

    /** @param capacity octets of each socket's buffer: the largest datagram that arrives whole */
    ReusedReceiveBuffer(int capacity) {
        super(DATAGRAMS_PER_READ);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public Handle newHandle() {
        return new ReusingHandle();
    }

    private final class ReusingHandle extends MaxMessageHandle {
        /** Held with one reference of ours; a read in progress holds a second one through its duplicate. */
        private ByteBuf buffer;

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            if (buffer != null && buffer.refCnt() != 1) {
                buffer.release(); // the last read's packet is still held: it keeps the memory, we take new memory
                buffer = null;
            }
            if (buffer == null) {
                buffer = Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(capacity));
            }
            return buffer.clear().retainedDuplicate();
        }

        @Override
        public int guess() {
            return capacity;
        }
    }
}
