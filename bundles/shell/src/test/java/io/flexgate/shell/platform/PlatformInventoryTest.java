package io.flexgate.shell.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.pool.AddressPool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformInventoryTest {

    @Test
    void listsPresentServicesAndMarksMissingKinds() {
        var rows = PlatformInventory.rows(List.of(
                new PlatformInventory.Registration(EapMethod.class,
                        Map.of(EapMethod.PROP_NAME, "mschapv2", EapMethod.PROP_TYPE, 26, EapMethod.PROP_VENDOR, 0),
                        "io.flexgate.eap.mschapv2 [42]"),
                new PlatformInventory.Registration(EapMethod.class,
                        Map.of(EapMethod.PROP_NAME, "anyconnect", EapMethod.PROP_TYPE, 254, EapMethod.PROP_VENDOR, 9),
                        "io.flexgate.eap.anyconnect [43]"),
                new PlatformInventory.Registration(AddressPool.class, Map.of(AddressPool.PROP_NAME, "ACP00L"),
                        "io.flexgate.pool [44]")));

        assertThat(rows).contains(
                new PlatformInventory.Row("EAP method", "anyconnect", "type 254 (expanded, vendor 9)",
                        "io.flexgate.eap.anyconnect [43]"),
                new PlatformInventory.Row("EAP method", "mschapv2", "type 26", "io.flexgate.eap.mschapv2 [42]"),
                new PlatformInventory.Row("Address pool", "ACP00L", "", "io.flexgate.pool [44]"),
                new PlatformInventory.Row("Data plane", "-", "not present", "-"));
        // EAP methods sorted by name, and listed before pools as KINDS orders them.
        assertThat(rows.get(0).name()).isEqualTo("anyconnect");
        assertThat(rows.indexOf(new PlatformInventory.Row("Data plane", "-", "not present", "-")))
                .isGreaterThan(rows.indexOf(new PlatformInventory.Row("Address pool", "ACP00L", "",
                        "io.flexgate.pool [44]")));
    }
}
