package io.flexgate.ikev2.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The IANA registries are open values: any number the wire field can carry is a value. */
class RegistryTest {

    @Test
    void valueOfAcceptsEveryWireValue() {
        for (int v = 0; v <= 0xFFFF; v++) {
            assertThat(NotifyType.valueOf(v).value()).isEqualTo(v);
        }
        for (int v = 0; v <= 0xFF; v++) {
            assertThat(PayloadType.valueOf(v).name()).isNotEmpty();
            assertThat(ExchangeType.valueOf(v).name()).isNotEmpty();
            assertThat(IdType.valueOf(v).name()).isNotEmpty();
        }
        for (int v = 0; v <= 0x7FFF; v++) {
            assertThat(ConfigAttributeType.valueOf(v).shortName()).isNotEmpty();
        }
    }

    /** IANA numbers from RFC 7296 section 3.10.1, RFC 7383 section 4, RFC 7427 section 7. */
    @Test
    void namesAndNumbersFollowIana() {
        assertThat(NotifyType.valueOf(16430)).isEqualTo(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED);
        assertThat(NotifyType.valueOf(16431).name()).isEqualTo("SIGNATURE_HASH_ALGORITHMS");
        assertThat(NotifyType.valueOf(24)).isEqualTo(NotifyType.AUTHENTICATION_FAILED);
        assertThat(NotifyType.AUTHENTICATION_FAILED.isError()).isTrue();
        assertThat(NotifyType.COOKIE.isError()).isFalse();
        assertThat(NotifyType.valueOf(50_000).name()).isEqualTo("NotifyType(50000)");
        assertThat(PayloadType.valueOf(53)).isEqualTo(PayloadType.SKF);
        assertThat(ConfigAttributeType.valueOf(25)).isEqualTo(ConfigAttributeType.INTERNAL_DNS_DOMAIN);
        assertThat(ConfigAttributeType.valueOf(28672).isCiscoUnity()).isTrue();
        assertThat(ConfigAttributeType.valueOf(28672).name()).isEqualTo("UNITY_BANNER");
        assertThat(IdType.valueOf(11)).isEqualTo(IdType.ID_KEY_ID);
        assertThat(IdType.valueOf(201)).isEqualTo(IdType.ANYCONNECT_PRIVATE);
    }

    @Test
    void aValueOutsideTheFieldIsAProgrammingError() {
        assertThatThrownBy(() -> PayloadType.valueOf(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NotifyType.valueOf(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
