package io.flexgate.tun.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Device set-up through iproute2's {@code ip} (MTU, link up, address), always as an argument array (never a
 * shell), one process per change. This runs once per TUN device; the per-session routes go through
 * {@link RtNetlink} instead, which costs no process start.
 */
final class IpRoute2 {

    /** How long one {@code ip} invocation may take before it is killed. */
    static final long TIMEOUT_SECONDS = 10;
    /** How much of {@code ip}'s output is kept for an error message. */
    static final int MAX_OUTPUT_BYTES = 4096;

    private final String command;

    IpRoute2(String command) {
        this.command = command;
    }

    void linkUp(String device, int mtu) throws IOException {
        run("link", "set", "dev", device, "mtu", Integer.toString(mtu), "up");
    }

    /** Adds {@code address/length}; IPv6 without duplicate address detection, so it is usable at once. */
    void addAddress(String device, InetAddress address, int length) throws IOException {
        String cidr = address.getHostAddress() + "/" + length;
        if (address.getAddress().length == 16) {
            run("-6", "address", "add", cidr, "dev", device, "nodad");
        } else {
            run("address", "add", cidr, "dev", device);
        }
    }

    private void run(String... arguments) throws IOException {
        List<String> argv = new ArrayList<>(arguments.length + 1);
        argv.add(command);
        argv.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + command + "' (iproute2; apt-get install iproute2): "
                    + e.getMessage(), e);
        }
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8).trim();
            in.transferTo(OutputStream.nullOutputStream());
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", argv) + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (exit " + process.exitValue() + "): " + output);
        }
    }
}
