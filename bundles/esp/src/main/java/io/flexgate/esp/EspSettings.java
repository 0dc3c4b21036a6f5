package io.flexgate.esp;

import io.flexgate.api.tun.TunFactory;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validated configuration.
 *
 * @param mtu                   MTU of new TUN devices
 * @param devicePrefix          prefix of TUN device names
 * @param lifetimeCheckSeconds  period of the lifetime sweep
 */
record EspSettings(int mtu, String devicePrefix, int lifetimeCheckSeconds) {

    static final int DEFAULT_MTU = 1400;
    static final String DEFAULT_TUN_FILTER = "(" + TunFactory.PROP_KIND + "=linux)";
    static final String DEFAULT_DEVICE_PREFIX = "fg-";
    static final int DEFAULT_LIFETIME_CHECK_SECONDS = 1;
    static final int MIN_MTU = 576;
    static final int MAX_MTU = 65_535;
    /** Linux interface names have at most 15 characters (IFNAMSIZ - 1). */
    static final int MAX_DEVICE_NAME = 15;
    /** The prefix leaves room for at least this much of the interface's own name. */
    static final int MAX_PREFIX = 8;
    static final int MAX_LIFETIME_CHECK_SECONDS = 60;

    private static final Pattern VIRTUAL_TEMPLATE = Pattern.compile("(?i)virtual-template(\\d+)");

    static final EspSettings DEFAULTS = new EspSettings(DEFAULT_MTU, DEFAULT_DEVICE_PREFIX,
            DEFAULT_LIFETIME_CHECK_SECONDS);

    EspSettings {
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu " + mtu + " out of range " + MIN_MTU + ".." + MAX_MTU);
        }
        if (devicePrefix.length() > MAX_PREFIX || !devicePrefix.matches("[a-z0-9_-]*")) {
            throw new IllegalArgumentException("device.prefix '" + devicePrefix
                    + "' must be at most " + MAX_PREFIX + " characters of a-z, 0-9, '_' and '-'");
        }
        if (lifetimeCheckSeconds < 1 || lifetimeCheckSeconds > MAX_LIFETIME_CHECK_SECONDS) {
            throw new IllegalArgumentException("lifetime.check.seconds " + lifetimeCheckSeconds + " out of range 1.."
                    + MAX_LIFETIME_CHECK_SECONDS);
        }
    }

    static EspSettings of(EspConfig config) {
        return new EspSettings(config.mtu(), config.device_prefix(), config.lifetime_check_seconds());
    }

    /**
     * The TUN device name of a tunnel interface: {@code Virtual-Template100} becomes {@code fg-vt100}; other
     * names keep their letters and digits, lower-cased and cut to the 15 characters Linux allows.
     */
    String deviceName(String tunnelInterface) {
        Matcher m = VIRTUAL_TEMPLATE.matcher(tunnelInterface.trim());
        String base = m.matches() ? "vt" + m.group(1)
                : tunnelInterface.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (base.isEmpty()) {
            throw new IllegalArgumentException("tunnel interface '" + tunnelInterface + "' has no usable name");
        }
        String name = devicePrefix + base;
        return name.length() > MAX_DEVICE_NAME ? name.substring(0, MAX_DEVICE_NAME) : name;
    }
}
