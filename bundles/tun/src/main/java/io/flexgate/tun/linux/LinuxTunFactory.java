package io.flexgate.tun.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.tun.TunDevice;
import io.flexgate.api.tun.TunException;
import io.flexgate.api.tun.TunFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens Linux TUN devices: {@code open("/dev/net/tun")} and {@code ioctl(TUNSETIFF)} through JNA, then
 * MTU, link up and address through iproute2 ({@link IpRoute2}, once per device). Each device gets its own
 * rtnetlink socket ({@link RtNetlink}) for its routes, so a session's route costs one netlink request and no
 * process. Devices still open when
 * the component goes away are closed, which removes them from the kernel.
 */
@Component(service = TunFactory.class, property = TunFactory.PROP_KIND + "=" + LinuxTunFactory.KIND,
        configurationPid = "io.flexgate.tun", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LinuxTunConfiguration.class)
public final class LinuxTunFactory implements TunFactory {

    /** The value of {@link TunFactory#PROP_KIND}. */
    public static final String KIND = "linux";
    static final String DEFAULT_DEVICE_PATH = "/dev/net/tun";
    static final String DEFAULT_IP_COMMAND = "ip";
    private static final int ENOTTY = 25;

    private static final Logger LOG = LoggerFactory.getLogger(LinuxTunFactory.class);

    private final String devicePath;
    private final IpRoute2 ip;
    private final Set<LinuxTunDevice> open = ConcurrentHashMap.newKeySet();

    @Activate
    public LinuxTunFactory(LinuxTunConfiguration config) {
        this(config.device_path(), config.ip_command());
    }

    LinuxTunFactory(String devicePath, String ipCommand) {
        this.devicePath = devicePath;
        this.ip = new IpRoute2(ipCommand);
    }

    @Override
    public TunDevice open(TunSpec spec) throws TunException {
        String name = spec.name();
        checkName(name);
        int fd = openCloneDevice();
        int wakeFd = -1;
        RtNetlink netlink = null;
        try {
            attach(fd, name);
            wakeFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
            int ifIndex = LibC.if_nametoindex(name);
            if (ifIndex == 0) {
                throw new TunException(name + ": created, but the kernel knows no interface index for it");
            }
            netlink = openNetlink(name);
            configure(spec, ifIndex, netlink);
            LinuxTunDevice device = new LinuxTunDevice(name, spec.mtu(), fd, wakeFd, ifIndex, netlink, open::remove);
            open.add(device);
            LOG.info("TUN device {} up, mtu {}, address {}, prefix {}", name, spec.mtu(),
                    spec.localAddress().map(InetAddress::getHostAddress).orElse("none"),
                    spec.prefix().map(IpPrefix::toString).orElse("none"));
            return device;
        } catch (TunException | LastErrorException e) {
            if (netlink != null) {
                netlink.close();
            }
            LibC.close(fd);
            if (wakeFd >= 0) {
                LibC.close(wakeFd);
            }
            throw e instanceof TunException t ? t : new TunException(name + ": eventfd failed: " + e.getMessage(), e);
        }
    }

    private static RtNetlink openNetlink(String name) throws TunException {
        try {
            return RtNetlink.open();
        } catch (IOException e) {
            throw new TunException(name + ": " + e.getMessage(), e);
        }
    }

    /** Closes devices their users left open: they would otherwise outlive the bundle. */
    @Deactivate
    void deactivate() {
        for (LinuxTunDevice device : List.copyOf(open)) {
            LOG.warn("TUN device {} still open as the Linux TUN factory goes away; closing it", device.name());
            device.close();
        }
    }

    /** Devices open now. */
    int openDevices() {
        return open.size();
    }

    private static void checkName(String name) throws TunException {
        // Linux dev_valid_name(), and no leading '-' that iproute2 could read as an option.
        if (name.equals(".") || name.equals("..") || name.startsWith("-")
                || name.chars().anyMatch(c -> c == '/' || c == ':' || c <= ' ' || c > '~')) {
            throw new TunException("'" + name + "' is not a valid interface name (no '/', ':', blanks or"
                    + " leading '-')");
        }
    }

    private int openCloneDevice() throws TunException {
        try {
            return LibC.open(devicePath, LibC.O_RDWR | LibC.O_CLOEXEC | LibC.O_NONBLOCK);
        } catch (LinkageError e) {
            // JNA's native part or libc could not be loaded (not Linux, or JNA's bundle without its native code).
            throw new TunException("Linux TUN devices need JNA with libc on Linux: " + e, e);
        } catch (LastErrorException e) {
            throw switch (e.getErrorCode()) {
                case LibC.ENOENT -> new TunException(devicePath + " does not exist: load the tun module"
                        + " (modprobe tun) or, in a container, pass the device (--device /dev/net/tun)", e);
                case LibC.ENODEV -> new TunException(devicePath + ": the tun driver is not in this kernel"
                        + " (modprobe tun)", e);
                case LibC.EACCES, LibC.EPERM -> new TunException("permission denied opening " + devicePath
                        + ": run FlexGate as root or with CAP_NET_ADMIN (systemd AmbientCapabilities="
                        + "CAP_NET_ADMIN) and read/write access to the device", e);
                default -> new TunException("cannot open " + devicePath + ": " + e.getMessage(), e);
            };
        }
    }

    private void attach(int fd, String name) throws TunException {
        try (Memory ifreq = new Memory(LibC.IFREQ_SIZE)) {
            ifreq.clear();
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            ifreq.write(0, bytes, 0, Math.min(bytes.length, LibC.IFNAMSIZ - 1));
            ifreq.setShort(LibC.IFNAMSIZ, (short) (LibC.IFF_TUN | LibC.IFF_NO_PI | LibC.IFF_VNET_HDR));
            LibC.ioctl(fd, new NativeLong(LibC.TUNSETIFF), ifreq);
            offload(fd, name);
        } catch (LastErrorException e) {
            throw switch (e.getErrorCode()) {
                case LibC.EPERM, LibC.EACCES -> new TunException("creating TUN device " + name + " needs"
                        + " CAP_NET_ADMIN: run FlexGate as root or grant it CAP_NET_ADMIN (systemd"
                        + " AmbientCapabilities=CAP_NET_ADMIN)", e);
                case LibC.EBUSY -> new TunException("interface name " + name + " is in use by another TUN"
                        + " device; choose another name or close the other one", e);
                case LibC.EINVAL -> new TunException("interface name " + name + " is taken by an interface"
                        + " that is not a TUN device, or is invalid", e);
                case ENOTTY -> new TunException(devicePath + " is not the TUN clone device", e);
                default -> new TunException("TUNSETIFF " + name + " failed: " + e.getMessage(), e);
            };
        }
    }

    /**
     * Lets the kernel hand this device partial checksums and IPv4 TCP super-packets (TSO), which
     * {@link LinuxTunDevice#read} completes and cuts. Without it, the kernel finishes both itself: slower, but
     * correct, so a refusal is only logged.
     */
    private static void offload(int fd, String name) {
        try {
            LibC.ioctl(fd, new NativeLong(LibC.TUNSETOFFLOAD), new Pointer(LibC.TUN_F_CSUM | LibC.TUN_F_TSO4));
        } catch (LastErrorException e) {
            LOG.info("TUN device {}: checksum and TSO offload refused ({}); the kernel segments for it",
                    name, e.getMessage());
        }
    }

    private void configure(TunSpec spec, int ifIndex, RtNetlink netlink) throws TunException {
        String name = spec.name();
        try {
            ip.linkUp(name, spec.mtu());
            if (spec.localAddress().isPresent()) {
                InetAddress address = spec.localAddress().get();
                // With a prefix that holds the address, the prefix is on-link (one kernel route); otherwise the
                // address is a host address, like "ip unnumbered" borrowing a loopback's /32.
                boolean onLink = spec.prefix().map(p -> p.contains(address)).orElse(false);
                int length = onLink ? spec.prefix().get().length() : address.getAddress().length * 8;
                ip.addAddress(name, address, length);
                if (!onLink && spec.prefix().isPresent()) {
                    netlink.replaceRoute(name, ifIndex, spec.prefix().get());
                }
            } else if (spec.prefix().isPresent()) {
                netlink.replaceRoute(name, ifIndex, spec.prefix().get());
            }
        } catch (IOException e) {
            throw new TunException("TUN device " + name + " was created but could not be configured: "
                    + e.getMessage(), e);
        }
    }
}
