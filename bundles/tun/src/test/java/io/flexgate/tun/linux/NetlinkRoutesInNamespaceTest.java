package io.flexgate.tun.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.tun.TunDevice;
import io.flexgate.api.tun.TunFactory.TunSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ROOT ONLY (skipped otherwise): routes through rtnetlink as the kernel and iproute2 see them, in a network
 * namespace of the test's own ({@code ip netns add}), so the host's routing table is never touched. The device
 * and its netlink socket are opened on a thread that entered the namespace (setns affects one thread); that
 * thread is discarded afterwards.
 */
class NetlinkRoutesInNamespaceTest {

    private static final long WAIT_SECONDS = 10;
    private static final int MTU = 1400;
    private static final int CAP_NET_ADMIN = 12;
    private static final String NAMESPACE = "fgt8-" + ProcessHandle.current().pid();
    private static final String DEVICE = "fg-vt100";
    private static final IpPrefix CLIENT = IpPrefix.parse("192.168.10.5/32");
    private static final IpPrefix CLIENT_V6 = IpPrefix.parse("fd00:10::5/128");

    private ExecutorService inNamespace;
    private LinuxTunFactory factory;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (CAP_NET_ADMIN, ip netns)");
        assumeTrue(Files.exists(Path.of(LinuxTunFactory.DEFAULT_DEVICE_PATH)), "needs /dev/net/tun");
        assumeTrue(run("ip", "netns", "add", NAMESPACE).exit == 0, "ip netns add failed");
        inNamespace = Executors.newSingleThreadExecutor(r -> new Thread(r, "in-" + NAMESPACE));
        factory = new LinuxTunFactory(LinuxTunFactory.DEFAULT_DEVICE_PATH, LinuxTunFactory.DEFAULT_IP_COMMAND);
        call(() -> {
            ThreadCredentials.enterNetworkNamespace(NAMESPACE);
            return null;
        });
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (inNamespace != null) {
            factory.deactivate();
            inNamespace.shutdownNow();
            assertThat(inNamespace.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            run("ip", "netns", "del", NAMESPACE);
        }
    }

    @Test
    void aRouteAddedThroughNetlinkIsInTheKernelsTableAndGoesAgain() throws Exception {
        TunDevice device = call(() -> factory.open(new TunSpec(DEVICE, MTU,
                Optional.of(InetAddress.getByName("10.0.0.1")), Optional.empty())));

        assertThat(ipInNamespace("-4", "address", "show", "dev", DEVICE)).contains("mtu " + MTU)
                .contains("inet 10.0.0.1/32");
        device.addRoute(CLIENT);
        device.addRoute(CLIENT_V6);
        assertThat(ipInNamespace("-4", "route", "show", "dev", DEVICE))
                .contains("192.168.10.5 scope link");
        assertThat(ipInNamespace("-6", "route", "show", "dev", DEVICE)).contains("fd00:10::5");
        assertThat(run("ip", "route", "show", "dev", DEVICE).exit).as("not in the host's namespace").isNotZero();

        device.removeRoute(CLIENT);
        assertThat(ipInNamespace("-4", "route", "show", "dev", DEVICE)).doesNotContain("192.168.10.5");
        // The kernel already dropped a route that is gone: removing it counts as done.
        ipInNamespace("-6", "route", "del", CLIENT_V6.toString(), "dev", DEVICE);
        device.removeRoute(CLIENT_V6);

        device.close();
        assertThat(run("ip", "-n", NAMESPACE, "link", "show", DEVICE).exit).isNotZero();
    }

    @Test
    void aRouteChangeWithoutCapNetAdminNamesTheCapability() throws Exception {
        TunDevice device = call(() -> factory.open(new TunSpec(DEVICE, MTU, Optional.empty(), Optional.empty())));
        ExecutorService unprivileged = Executors.newSingleThreadExecutor();
        try {
            Throwable failure = unprivileged.submit(() -> {
                ThreadCredentials.dropEffective(CAP_NET_ADMIN);
                try {
                    device.addRoute(CLIENT);
                    return null;
                } catch (IOException e) {
                    return e;
                }
            }).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("needs CAP_NET_ADMIN")
                    .hasMessageContaining("192.168.10.5/32");
            assertThat(ipInNamespace("-4", "route", "show", "dev", DEVICE)).doesNotContain("192.168.10.5");
        } finally {
            unprivileged.shutdownNow();
            device.close();
        }
    }

    @Test
    void aRouteOnAClosedDeviceIsRefused() throws Exception {
        TunDevice device = call(() -> factory.open(new TunSpec(DEVICE, MTU, Optional.empty(), Optional.empty())));
        device.close();
        assertThatThrownBy(() -> device.addRoute(CLIENT)).isInstanceOf(IOException.class);
    }

    private <T> T call(Callable<T> task) throws Exception {
        return inNamespace.submit(task).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static String ipInNamespace(String... arguments) throws Exception {
        String[] argv = new String[arguments.length + 3];
        argv[0] = "ip";
        argv[1] = "-n";
        argv[2] = NAMESPACE;
        System.arraycopy(arguments, 0, argv, 3, arguments.length);
        Result r = run(argv);
        assertThat(r.exit).as(String.join(" ", argv) + ": " + r.output).isZero();
        return r.output;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
