package io.flexgate.ikev2.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The IANA "Internet Key Exchange Version 2 (IKEv2) Parameters" registries as open value types. */
class TransformRegistryTest {

    @Test
    void knownNumbersDecodeToTheirIanaNames() {
        assertThat(EncrAlgorithm.valueOf(20)).isSameAs(EncrAlgorithm.ENCR_AES_GCM_16);
        assertThat(EncrAlgorithm.valueOf(28).name()).isEqualTo("ENCR_CHACHA20_POLY1305");
        assertThat(PrfAlgorithm.valueOf(5)).isSameAs(PrfAlgorithm.PRF_HMAC_SHA2_256);
        assertThat(IntegAlgorithm.valueOf(12)).isSameAs(IntegAlgorithm.AUTH_HMAC_SHA2_256_128);
        assertThat(DhGroup.valueOf(31)).isSameAs(DhGroup.CURVE25519);
        assertThat(DhGroup.valueOf(2)).isSameAs(DhGroup.MODP_1024);
        assertThat(EsnMode.valueOf(1)).isSameAs(EsnMode.ESN);
        assertThat(TransformType.valueOf(4)).isSameAs(TransformType.KE);
        assertThat(AuthMethod.valueOf(14)).isSameAs(AuthMethod.DIGITAL_SIGNATURE);
        assertThat(HashAlgorithm.valueOf(2)).isSameAs(HashAlgorithm.SHA2_256);
        assertThat(DhGroup.ECP_256).hasToString("ECP_256(19)");
    }

    @Test
    void unassignedNumbersDecodeWithoutThrowingAndCompareByValue() {
        EncrAlgorithm unknown = EncrAlgorithm.valueOf(1024);
        assertThat(unknown.isAssigned()).isFalse();
        assertThat(unknown.name()).isEqualTo("UNASSIGNED_1024");
        assertThat(unknown).isEqualTo(EncrAlgorithm.valueOf(1024)).hasSameHashCodeAs(EncrAlgorithm.valueOf(1024));
        assertThat(DhGroup.valueOf(-1).value()).isEqualTo(-1);
        assertThat(EncrAlgorithm.ENCR_AES_GCM_16.isAssigned()).isTrue();
    }

    @Test
    void sameNumberInDifferentRegistriesIsNotEqual() {
        assertThat((Object) PrfAlgorithm.valueOf(2)).isNotEqualTo(IntegAlgorithm.valueOf(2));
    }
}
