package io.flexgate.aaa.radius.client;

import io.flexgate.aaa.radius.packet.RadiusPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A RADIUS server for tests on 127.0.0.1 and a free port: answers each request with what {@code answer}
 * returns (nothing when it returns null) and keeps what it received.
 */
public final class TestServer implements AutoCloseable {

    public final DatagramSocket socket;
    public final BlockingQueue<RadiusPacket> received = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile Function<RadiusPacket, byte[]> answer;

    public TestServer(Function<RadiusPacket, byte[]> answer) throws SocketException {
        this.answer = answer;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::run, "test-radius-server");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public void answer(Function<RadiusPacket, byte[]> newAnswer) {
        this.answer = newAnswer;
    }

    private void run() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                socket.receive(d);
                RadiusPacket request = RadiusPacket.decode(Arrays.copyOf(d.getData(), d.getLength()));
                received.add(request);
                byte[] reply = answer.apply(request);
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, d.getSocketAddress()));
                }
            } catch (IOException | io.flexgate.aaa.radius.packet.RadiusFormatException e) {
                // closed, or a malformed request: the test sees it as a missing packet
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
