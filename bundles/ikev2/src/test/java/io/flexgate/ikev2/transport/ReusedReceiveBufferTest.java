package io.flexgate.ikev2.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import org.junit.jupiter.api.Test;

/** One read buffer per socket, and what happens when a packet outlives its read. */
class ReusedReceiveBufferTest {

    private final RecvByteBufAllocator.Handle handle = new ReusedReceiveBuffer(64).newHandle();

    @Test
    void everyReadGetsTheWholeCapacityAndTheSameMemoryOnceTheLastPacketIsReleased() {
        ByteBuf first = handle.allocate(ByteBufAllocator.DEFAULT);
        assertThat(first.writableBytes()).isEqualTo(64);
        assertThat(handle.guess()).isEqualTo(64);
        first.writeBytes(new byte[] {1, 2, 3});
        first.setByte(0, 9);
        first.release();

        ByteBuf second = handle.allocate(ByteBufAllocator.DEFAULT);
        assertThat(second.readableBytes()).isZero();
        assertThat(second.writableBytes()).isEqualTo(64);
        assertThat(second.getByte(0)).isEqualTo((byte) 9); // the same memory, not cleared (nothing reads past the end)
        second.release();
    }

    @Test
    void aPacketStillHeldKeepsItsContentAndTheNextReadGetsNewMemory() {
        ByteBuf kept = handle.allocate(ByteBufAllocator.DEFAULT);
        kept.writeBytes(new byte[] {1, 2, 3});
        // Someone holds on to the packet past its read: its reference stays.

        ByteBuf next = handle.allocate(ByteBufAllocator.DEFAULT);
        next.writeBytes(new byte[] {7, 7, 7, 7});

        assertThat(kept.refCnt()).isEqualTo(1);
        assertThat(kept.getByte(0)).isEqualTo((byte) 1);
        assertThat(kept.readableBytes()).isEqualTo(3);
        kept.release();
        assertThat(kept.refCnt()).isZero();
        assertThat(next.getByte(0)).isEqualTo((byte) 7);
        next.release();
        assertThat(handle.allocate(ByteBufAllocator.DEFAULT).getByte(0)).isEqualTo((byte) 7);
    }
}
