package io.flexgate.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that reads the UDP sockets of many client sessions (the load mode): with a reader thread per
 * session a generator was bounded by the machine's thread limit (kernel.pid_max, 32,768 here) long before its
 * sockets, and each thread kept a 64 KiB read buffer. Registered channels are non-blocking; each readable one is
 * drained and every datagram handed to its {@link Reader} on this thread, in arrival order per socket.
 */
final class SharedUdpReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedUdpReceiver.class);

    /** What a registered socket does with each datagram; {@code in} is valid during the call only. */
    @FunctionalInterface
    interface Reader {
        void datagram(ByteBuffer in, InetSocketAddress from);
    }

    private final Selector selector;
    private final Thread thread;
    /** Registrations from other threads: a selector's register blocks while select() runs, so they queue here. */
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final ByteBuffer in = ByteBuffer.allocate(UdpClientTransport.MAX_DATAGRAM);

    SharedUdpReceiver(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = ClientSession.daemon(this::loop, name);
        thread.start();
    }

    /** Starts reading {@code channel} (made non-blocking here) for {@code reader}; closing the channel stops it. */
    void register(DatagramChannel channel, Reader reader) throws IOException {
        channel.configureBlocking(false);
        pending.add(() -> {
            try {
                channel.register(selector, SelectionKey.OP_READ, reader);
            } catch (ClosedChannelException e) {
                LOG.debug("socket closed before its registration");
            }
        });
        selector.wakeup();
    }

    private void loop() {
        try {
            while (selector.isOpen()) {
                selector.select();
                for (Runnable r; (r = pending.poll()) != null;) {
                    r.run();
                }
                for (var it = selector.selectedKeys().iterator(); it.hasNext();) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid() && key.isReadable()) {
                        drain((DatagramChannel) key.channel(), (Reader) key.attachment());
                    }
                }
            }
        } catch (ClosedSelectorException e) {
            LOG.debug("shared UDP receiver stopped");
        } catch (IOException | RuntimeException e) {
            LOG.warn("shared UDP receiver failed: {}", e.toString());
        }
    }

    private void drain(DatagramChannel channel, Reader reader) {
        try {
            while (true) {
                in.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(in);
                if (from == null) {
                    return;
                }
                in.flip();
                try {
                    reader.datagram(in, from);
                } catch (RuntimeException e) {
                    LOG.debug("datagram from {} failed: {}", from, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.debug("receive failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.getMessage());
        }
    }
}
