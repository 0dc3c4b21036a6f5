package io.flexgate.ikev2.transport;

import io.flexgate.api.dataplane.DataPlane;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IKE over UDP (Netty, native epoll where available): sockets on the IKE port and on the NAT-T port (RFC 7296
 * section 2.23, RFC 3948). IKE messages are copied to {@code byte[]} at this edge and handed to the engine with
 * both addresses; ESP packets arriving on the NAT-T port go to the data plane as they are; NAT keepalives are
 * dropped here.
 *
 * <p>Receive capacity: with epoll, each port is bound by {@link Sockets#receiveThreads()} sockets with
 * {@code SO_REUSEPORT}, each served by its own event loop thread, so a flood of IKE_SA_INIT requests is drained
 * by several cores. The kernel spreads datagrams over the sockets by a hash of the 4-tuple, so all datagrams of
 * one peer arrive on the same socket and thread, in order. Without epoll (NIO) there is one socket per port.
 *
 * <p>Sending: IKE messages are written through Netty's queue of the socket; a reply made while a datagram is
 * handled on its receiving thread waits for the end of the read batch, so a batch of replies leaves in one
 * {@code sendmmsg}. With epoll, ESP skips the queue: the data plane's thread sends each packet itself
 * ({@link #send(ByteBuffer, InetSocketAddress, InetSocketAddress)}).
 */
public final class UdpIkeTransport implements IkeTransport, DataPlane.EspTransport, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpIkeTransport.class);

    /** Largest datagram read; IKE messages above it are fragmented by peers (RFC 7383). */
    public static final int MAX_DATAGRAM = 65_535;
    /** Most receive sockets per port (and event loop threads). */
    public static final int MAX_RECEIVE_THREADS = 64;
    /** Receive threads by default: one per core, at most this many. */
    public static final int DEFAULT_MAX_RECEIVE_THREADS = 4;
    /**
     * Default {@code SO_RCVBUF} of each socket (Linux grants twice this): room for about half a second of a
     * 50,000/s IKE_SA_INIT flood. A flood that meets a freshly started JVM is read slowly for its first second,
     * while the receive path is compiled; with 4 MiB the sockets overflowed then, and a legitimate client's lost
     * request cost it a retransmission timeout (docs/security.md 3.2). For ESP on the NAT-T port, the deeper queue
     * adds latency only while the gateway cannot keep up; lower {@code receive.buffer} where that matters more.
     */
    public static final int DEFAULT_RECEIVE_BUFFER = 16 * 1024 * 1024;
    /** Smallest receive buffer accepted (the kernel's own minimum is of this order). */
    public static final int MIN_RECEIVE_BUFFER = 64 * 1024;
    /**
     * Octets queued for a socket above which it reports itself unwritable: the data plane's TUN readers then wait
     * (see {@link #awaitWritable}) instead of sealing packets that would be dropped. With epoll, ESP does not
     * join this queue (it is sent directly), so the mark then holds for IKE messages only. About 175 full-size ESP
     * packets: enough for an event loop to keep sending while a parked reader wakes up on a loaded machine, little
     * enough to add at most a few milliseconds of queueing at hundreds of Mbit/s. Netty's default (64 KiB) made a
     * burst of 44 packets the limit.
     */
    public static final int WRITE_HIGH_WATER_MARK = 256 * 1024;
    /** Queued octets below which an unwritable socket becomes writable again and waiting readers resume. */
    public static final int WRITE_LOW_WATER_MARK = 128 * 1024;
    /**
     * Queued octets up to which an IKE message is still written when the socket is unwritable: under bulk ESP
     * without epoll, the NAT-T socket's queue sits between the watermarks by design (the data plane fills it up to
     * the high one), and a DPD, rekey or DELETE message must not be lost behind it.
     */
    public static final int IKE_QUEUE_LIMIT = 2 * WRITE_HIGH_WATER_MARK;

    /**
     * How the sockets receive.
     *
     * @param receiveThreads sockets (and event loop threads) per port, 1 to {@link #MAX_RECEIVE_THREADS}; more
     *                       than one needs epoll ({@code SO_REUSEPORT}), NIO uses one
     * @param receiveBuffer  {@code SO_RCVBUF} asked for each socket, in octets (the kernel caps it at
     *                       {@code net.core.rmem_max})
     */
    public record Sockets(int receiveThreads, int receiveBuffer) {

        public Sockets {
            if (receiveThreads < 1 || receiveThreads > MAX_RECEIVE_THREADS) {
                throw new IllegalArgumentException("receive threads must be 1.." + MAX_RECEIVE_THREADS + ": "
                        + receiveThreads);
            }
            if (receiveBuffer < MIN_RECEIVE_BUFFER) {
                throw new IllegalArgumentException("receive buffer must be at least " + MIN_RECEIVE_BUFFER + ": "
                        + receiveBuffer);
            }
        }

        /** One receive thread per core, at most {@link #DEFAULT_MAX_RECEIVE_THREADS}, and the default buffer. */
        public static Sockets defaults() {
            return new Sockets(defaultReceiveThreads(), DEFAULT_RECEIVE_BUFFER);
        }

        /** {@code min(cores, DEFAULT_MAX_RECEIVE_THREADS)}. */
        public static int defaultReceiveThreads() {
            return Math.min(Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_RECEIVE_THREADS);
        }
    }

    private final EventLoopGroup group;
    private final List<Channel> ikeChannels;
    private final List<Channel> natTChannels;
    private final InetSocketAddress ikeAddress;
    private final InetSocketAddress natTAddress;
    private final AtomicLong dropped = new AtomicLong();
    /** Cleared by {@link #stopReceiving()}: datagrams that arrive afterwards are dropped. */
    private final AtomicBoolean receiving = new AtomicBoolean(true);
    private final AtomicLong ignored = new AtomicLong();
    /** Read-held by each direct ESP send, write-held from {@link #close()} on. */
    private final ReadWriteLock open = new ReentrantReadWriteLock();
    /** Where threads wait in {@link #awaitWritable} for a socket to become writable again. */
    private final WritableSignal writable = new WritableSignal();

    /** Binds both ports with the {@linkplain Sockets#defaults() default} socket settings. */
    public UdpIkeTransport(InetSocketAddress ikeAddress, InetSocketAddress natTAddress, Consumer<Datagram> ike,
            Supplier<DataPlane> dataPlane) {
        this(ikeAddress, natTAddress, ike, dataPlane, Sockets.defaults());
    }

    /**
     * Binds both ports.
     *
     * @param ikeAddress  where IKE listens (port 500, or 0 for an ephemeral port in tests)
     * @param natTAddress where NAT-T listens (port 4500, or 0)
     * @param ike         receives every IKE message, on a Netty thread (several at once when there are several
     *                    receive threads, one per peer at a time); must not block
     * @param dataPlane   the data plane for ESP in UDP, looked up per packet (it may come and go)
     * @param sockets     receive threads and buffer size
     * @throws IllegalStateException when a port cannot be bound, naming the address
     */
    public UdpIkeTransport(InetSocketAddress ikeAddress, InetSocketAddress natTAddress, Consumer<Datagram> ike,
            Supplier<DataPlane> dataPlane, Sockets sockets) {
        boolean epoll = Epoll.isAvailable();
        int perPort = epoll ? sockets.receiveThreads() : 1;
        // One event loop per receive socket of a port: the IKE and NAT-T sockets of index i share loop i.
        group = new MultiThreadIoEventLoopGroup(perPort, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        // An IPv4 address gets an IPv4 socket: a dual-stack one would report peers as ::ffff:a.b.c.d, and the
        // NAT detection hashes (RFC 7296 section 2.23) must be computed over the 4-octet address.
        SocketProtocolFamily family = ikeAddress.getAddress() instanceof java.net.Inet4Address
                ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        Bootstrap b = new Bootstrap().group(group)
                .option(ChannelOption.SO_RCVBUF, sockets.receiveBuffer())
                // Netty's datagram default is a fixed 2048-octet read buffer, and a datagram is cut silently to the
                // buffer it is read into: every read gets room for the largest one, in a buffer each socket reuses.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new ReusedReceiveBuffer(MAX_DATAGRAM))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_LOW_WATER_MARK, WRITE_HIGH_WATER_MARK));
        if (epoll) {
            // The original destination of each datagram: our real address even when bound to the wildcard.
            b.channelFactory(() -> new EpollDatagramChannel(family)).option(EpollChannelOption.IP_RECVORIGDSTADDR, true);
            if (perPort > 1) {
                b.option(EpollChannelOption.SO_REUSEPORT, true);
            }
        } else {
            b.channelFactory(() -> new NioDatagramChannel(family));
        }
        List<Channel> bound = new ArrayList<>();
        try {
            ikeChannels = bindAll(b, new Receiver(false, ike, dataPlane, receiving, ignored, writable), ikeAddress, perPort, bound);
            natTChannels = bindAll(b, new Receiver(true, ike, dataPlane, receiving, ignored, writable), natTAddress, perPort, bound);
        } catch (Exception e) {
            bound.forEach(Channel::close);
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot bind IKE sockets " + ikeAddress + " and " + natTAddress + ": "
                    + e.getMessage(), e);
        }
        this.ikeAddress = (InetSocketAddress) ikeChannels.get(0).localAddress();
        this.natTAddress = (InetSocketAddress) natTChannels.get(0).localAddress();
        if (epoll) {
            forceReceiveBuffers(bound, sockets.receiveBuffer());
        }
        int granted = grantedReceiveBuffer();
        LOG.info("IKE listening on {} and NAT-T on {} ({}, {} receive socket(s) per port, SO_RCVBUF {} asked, {} granted)",
                this.ikeAddress, this.natTAddress, epoll ? "epoll" : "nio: " + Epoll.unavailabilityCause(), perPort,
                sockets.receiveBuffer(), granted);
        if (granted < sockets.receiveBuffer()) {
            // Linux reports twice the size it was asked for; less than asked means net.core.rmem_max capped it.
            LOG.warn("IKE receive buffer capped at {} octets: raise net.core.rmem_max to at least {}, or run with "
                    + "CAP_NET_ADMIN", granted, sockets.receiveBuffer());
        }
    }

    /** {@code SO_RCVBUFFORCE} (Linux {@code socket(7)}): a receive buffer past {@code net.core.rmem_max}. */
    private static final IntegerUnixChannelOption SO_RCVBUFFORCE = new IntegerUnixChannelOption("SO_RCVBUFFORCE", 1, 33);

    /**
     * Where {@code net.core.rmem_max} capped a socket's receive buffer below {@code asked}, asks again with
     * {@code SO_RCVBUFFORCE}, which a process with {@code CAP_NET_ADMIN} (the headend runs with it, for its TUN
     * devices and routes) may use. A refusal leaves the capped size, and the constructor warns about it.
     */
    private static void forceReceiveBuffers(List<Channel> channels, int asked) {
        for (Channel ch : channels) {
            if (ch.config().getOption(ChannelOption.SO_RCVBUF) >= asked) {
                continue;
            }
            try {
                ch.config().setOption(SO_RCVBUFFORCE, asked);
            } catch (ChannelException e) {
                LOG.debug("SO_RCVBUFFORCE refused on {}: {}", ch.localAddress(), e.getMessage());
            }
        }
    }

    /**
     * Binds {@code count} sockets to {@code address}: the first one picks the port when 0 is asked, the others
     * join it ({@code SO_REUSEPORT}). Each lands on the next event loop of the group.
     */
    private static List<Channel> bindAll(Bootstrap b, Receiver receiver, InetSocketAddress address, int count,
            List<Channel> bound) throws InterruptedException {
        List<Channel> channels = new ArrayList<>(count);
        InetSocketAddress at = address;
        for (int i = 0; i < count; i++) {
            Channel ch = b.clone().handler(receiver).bind(at).sync().channel();
            bound.add(ch);
            channels.add(ch);
            at = new InetSocketAddress(address.getAddress(), ((InetSocketAddress) ch.localAddress()).getPort());
        }
        return List.copyOf(channels);
    }

    /** The bound IKE address (with the real port when 0 was asked). */
    public InetSocketAddress ikeAddress() {
        return ikeAddress;
    }

    /** The bound NAT-T address. */
    public InetSocketAddress natTAddress() {
        return natTAddress;
    }

    /** The receive buffer the kernel gave the first IKE socket, as {@code SO_RCVBUF} reports it (doubled on Linux). */
    int grantedReceiveBuffer() {
        return ikeChannels.get(0).config().getOption(ChannelOption.SO_RCVBUF);
    }

    /** Receive sockets per port. */
    public int receiveSockets() {
        return ikeChannels.size();
    }

    /**
     * Datagrams dropped because a socket was closed or its queue full (ESP above {@link #WRITE_HIGH_WATER_MARK},
     * IKE above {@link #IKE_QUEUE_LIMIT}).
     */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Stops handing datagrams to the engine and the data plane (IKE and ESP alike) while sending still works:
     * the first step of a graceful stop, so that no new IKE SA starts while the engine deletes the ones it has.
     */
    public void stopReceiving() {
        receiving.set(false);
    }

    /** Datagrams read and dropped after {@link #stopReceiving()}. */
    public long ignoredAfterStop() {
        return ignored.get();
    }

    /**
     * {@inheritDoc}
     *
     * <p>A reply sent while the engine handles a datagram on the receiving thread (a COOKIE or a refusal to an
     * IKE_SA_INIT, RFC 7296 section 2.6) leaves from the socket that received the request, in the same thread, and is
     * flushed with the other replies of that read batch: one {@code sendmmsg} for up to a batch of replies under a
     * flood, instead of a system call and a hand-over to another event loop each.
     */
    @Override
    public boolean send(Datagram datagram) {
        boolean natT = datagram.local().getPort() == natTAddress.getPort();
        Reading reading = READING.get();
        Channel receiving = reading.channel;
        boolean batched = receiving != null && reading.natT == natT;
        Channel ch = batched ? receiving : pick(natT ? natTChannels : ikeChannels, datagram.remote());
        byte[] data = datagram.data();
        ByteBuf buf = natT ? Unpooled.wrappedBuffer(new byte[NatTraversalFraming.NON_ESP_MARKER_LENGTH], data)
                : Unpooled.wrappedBuffer(data);
        if (!mayWriteIke(ch)) {
            buf.release();
            dropped.incrementAndGet();
            return false;
        }
        if (batched) {
            ch.write(new DatagramPacket(buf, datagram.remote()), ch.voidPromise());
            reading.unflushed = true;
        } else {
            ch.writeAndFlush(new DatagramPacket(buf, datagram.remote()), ch.voidPromise());
        }
        return true;
    }

    /**
     * The socket whose datagram this event loop thread is handing to the engine, if any, whether replies
     * written to it wait for the flush at the end of the read batch, and the data plane that holds inner packets
     * of the batch back until then.
     */
    private static final class Reading {
        Channel channel;
        boolean natT;
        boolean unflushed;
        DataPlane espBatch;
    }

    private static final FastThreadLocal<Reading> READING = new FastThreadLocal<>() {
        @Override
        protected Reading initialValue() {
            return new Reading();
        }
    };

    /** Whether an IKE message may join the queue of {@code ch}: open, and below {@link #IKE_QUEUE_LIMIT}. */
    static boolean mayWriteIke(Channel ch) {
        if (!ch.isActive()) {
            return false;
        }
        if (ch.isWritable()) {
            return true;
        }
        ChannelOutboundBuffer queue = ch.unsafe().outboundBuffer();
        return queue != null && queue.totalPendingWriteBytes() < IKE_QUEUE_LIMIT;
    }

    /**
     * {@inheritDoc}
     *
     * <p>With epoll, the calling thread (a TUN reader of the data plane) sends the packet itself with one
     * {@code sendto} on the NAT-T socket, from a direct buffer of its own: no hand-over to the event loop, whose
     * task queue and wake-up per packet cost more than the send. The kernel serialises concurrent sends on one UDP
     * socket. A full socket send buffer ({@code EAGAIN}) is retried for up to {@link #ESP_SEND_RETRIES} short
     * pauses, then the packet is dropped and counted. Without epoll the packet is written through Netty.
     */
    @Override
    public boolean send(ByteBuffer espPacket, InetSocketAddress local, InetSocketAddress remote) {
        Channel ch = pick(natTChannels, remote);
        if (ch instanceof EpollDatagramChannel epoll) {
            return sendDirect(epoll, espPacket, remote);
        }
        if (!ch.isActive() || !ch.isWritable()) {
            dropped.incrementAndGet();
            return false;
        }
        // A pooled direct buffer: the native transport writes from direct memory (a heap buffer would be copied
        // into one on the event loop), and no per-packet array becomes garbage.
        ByteBuf buf = ch.alloc().directBuffer(espPacket.remaining());
        buf.writeBytes(espPacket.duplicate());
        ch.writeAndFlush(new DatagramPacket(buf, remote), ch.voidPromise());
        return true;
    }

    /** Times a send that found the socket's send buffer full is tried again before the packet is dropped. */
    static final int ESP_SEND_RETRIES = 20;
    /** Pause before each retry: 20 retries wait about 1 ms in all, a few full-size packets at line rate. */
    private static final long ESP_SEND_RETRY_NANOS = 50_000;

    /** Each sending thread's copy of the packet in direct memory, which {@code sendto} reads from. */
    private static final ThreadLocal<ByteBuffer> SEND_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_DATAGRAM));

    private boolean sendDirect(EpollDatagramChannel ch, ByteBuffer espPacket, InetSocketAddress remote) {
        // Held across the system call, so that close() never lets a send reach a file descriptor number the
        // kernel has given to another file.
        if (!open.readLock().tryLock()) {
            dropped.incrementAndGet();
            return false;
        }
        try {
            if (!ch.isActive()) {
                dropped.incrementAndGet();
                return false;
            }
            ByteBuffer direct = SEND_BUFFER.get();
            direct.clear();
            direct.put(espPacket.duplicate());
            int length = direct.position();
            Socket socket = (Socket) ch.fd();
            for (int attempt = 0; ; attempt++) {
                if (socket.sendTo(direct, 0, length, remote.getAddress(), remote.getPort()) > 0) {
                    return true;
                }
                if (attempt == ESP_SEND_RETRIES) {
                    dropped.incrementAndGet();
                    return false;
                }
                LockSupport.parkNanos(ESP_SEND_RETRY_NANOS);
            }
        } catch (IOException e) {
            // ENOBUFS, a firewall's EPERM, an unreachable peer: counted, not logged per packet.
            dropped.incrementAndGet();
            return false;
        } finally {
            open.readLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Without waiting (and without allocating) while the socket that carries ESP to {@code remote} has less
     * than {@link #WRITE_HIGH_WATER_MARK} octets queued; otherwise until its queue drains below
     * {@link #WRITE_LOW_WATER_MARK}, the socket closes or the time runs out.
     */
    @Override
    public boolean awaitWritable(InetSocketAddress local, InetSocketAddress remote, long timeoutNanos)
            throws InterruptedException {
        Channel ch = pick(natTChannels, remote);
        if (ch.isWritable()) {
            return ch.isActive();
        }
        return writable.await(ch, timeoutNanos);
    }

    /**
     * The socket to send to {@code remote} from: any socket of the port carries the same source address and
     * port, so the peer decides (its datagrams then leave in order, from one event loop).
     */
    private static Channel pick(List<Channel> channels, InetSocketAddress remote) {
        return channels.size() == 1 ? channels.get(0) : channels.get(Math.floorMod(remote.hashCode(), channels.size()));
    }

    /**
     * Threads waiting for a socket to become writable. One monitor for all sockets: the waiters are the data
     * plane's TUN readers (a few), each rechecks its own socket when woken. The check and the wait are under the
     * monitor that the event loop takes to signal, so a change in between is not missed.
     */
    static final class WritableSignal {

        synchronized boolean await(Channel ch, long timeoutNanos) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (ch.isActive() && !ch.isWritable()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return ch.isActive();
        }

        synchronized void signal() {
            notifyAll();
        }
    }

    @Override
    public void close() {
        // Taken for good: direct ESP sends in progress finish first, later ones are dropped.
        open.writeLock().lock();
        List<Channel> all = new ArrayList<>(ikeChannels);
        all.addAll(natTChannels);
        for (Channel ch : all) {
            ch.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final boolean natT;
        private final Consumer<Datagram> ike;
        private final Supplier<DataPlane> dataPlane;
        private final AtomicBoolean receiving;
        private final AtomicLong ignored;
        private final WritableSignal writable;

        Receiver(boolean natT, Consumer<Datagram> ike, Supplier<DataPlane> dataPlane, AtomicBoolean receiving,
                AtomicLong ignored, WritableSignal writable) {
            this.natT = natT;
            this.ike = ike;
            this.dataPlane = dataPlane;
            this.receiving = receiving;
            this.ignored = ignored;
            this.writable = writable;
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                writable.signal();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Reading reading = READING.get();
            completeEspBatch(reading);
            if (reading.unflushed) {
                reading.unflushed = false;
                ctx.flush();
            }
            ctx.fireChannelReadComplete();
        }

        /** Hands the data plane's held inner packets of this read to the kernel. */
        private static void completeEspBatch(Reading reading) {
            DataPlane dp = reading.espBatch;
            if (dp != null) {
                reading.espBatch = null;
                dp.receiveBatchComplete();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            completeEspBatch(READING.get());
            // A reader waiting on this socket learns that it closed.
            writable.signal();
            ctx.fireChannelInactive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (!receiving.get()) {
                ignored.incrementAndGet();
                return;
            }
            ByteBuf content = packet.content();
            InetSocketAddress local = packet.recipient() != null ? packet.recipient()
                    : (InetSocketAddress) ctx.channel().localAddress();
            int length = content.readableBytes();
            if (natT) {
                int first4 = length >= 4 ? content.getInt(content.readerIndex()) : -1;
                int firstByte = length >= 1 ? content.getUnsignedByte(content.readerIndex()) : -1;
                switch (NatTraversalFraming.classify(first4, firstByte, length)) {
                    case KEEPALIVE, MALFORMED:
                        return;
                    case ESP:
                        DataPlane dp = dataPlane.get();
                        if (dp != null) {
                            Reading reading = READING.get();
                            if (reading.espBatch != dp) {
                                completeEspBatch(reading);
                                reading.espBatch = dp;
                            }
                            dp.receiveEncapsulatedInBatch(content.nioBuffer(), packet.sender(), local);
                        }
                        return;
                    case IKE:
                        content.skipBytes(NatTraversalFraming.NON_ESP_MARKER_LENGTH);
                        break;
                    default:
                        return;
                }
            }
            byte[] data = new byte[content.readableBytes()];
            content.readBytes(data);
            Reading reading = READING.get();
            reading.channel = ctx.channel();
            reading.natT = natT;
            try {
                ike.accept(new Datagram(data, local, packet.sender()));
            } finally {
                reading.channel = null;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("IKE socket {}: {}", ctx.channel().localAddress(), cause.toString());
        }
    }
}
