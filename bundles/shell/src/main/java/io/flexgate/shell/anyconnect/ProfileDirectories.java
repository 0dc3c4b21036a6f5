package io.flexgate.shell.anyconnect;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where AnyConnect clients read VPN profiles (seed guide, "AnyConnect XML profile delivery"). */
public final class ProfileDirectories {

    /** By client platform. */
    public static final Map<String, String> BY_PLATFORM = directories();

    private ProfileDirectories() {
    }

    private static Map<String, String> directories() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Windows", "C:\\ProgramData\\Cisco\\Cisco AnyConnect Secure Mobility Client\\Profile");
        m.put("macOS", "/opt/cisco/anyconnect/profile");
        m.put("Linux", "/opt/cisco/anyconnect/profile");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** {@code Windows C:\...; macOS /opt/...; Linux /opt/...}, then restart the client. */
    public static String describe() {
        StringBuilder text = new StringBuilder();
        BY_PLATFORM.forEach((platform, dir) -> text.append(text.length() == 0 ? "" : "; ").append(platform)
                .append(' ').append(dir));
        return text.append(" (then quit and restart the AnyConnect client)").toString();
    }
}
