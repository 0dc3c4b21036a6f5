package io.flexgate.ikev2.crypto;

import static io.flexgate.ikev2.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.junit.jupiter.api.Test;

/** Diffie-Hellman groups: published vectors, an independent implementation, and hostile peer values. */
class KeyExchangeTest {

    private final CryptoSuite suite = CryptoSuite.defaults();
    private final SecureRandom random = new SecureRandom();

    private KeyExchange group(DhGroup group) {
        return suite.keyExchange(group).orElseThrow();
    }

    private void assertRfc5903(Rfc5903 v) throws Exception {
        EcpKeyExchange kx = (EcpKeyExchange) group(v.group());
        try (KeyExchange.Ephemeral initiator = kx.ephemeral(new BigInteger(v.i(), 16));
                KeyExchange.Ephemeral responder = kx.ephemeral(new BigInteger(v.r(), 16))) {
            assertThat(initiator.publicValue()).isEqualTo(hex(v.gi()));
            assertThat(responder.publicValue()).isEqualTo(hex(v.gr()));
            assertThat(initiator.agree(hex(v.gr())).bytes()).isEqualTo(hex(v.shared()));
            assertThat(responder.agree(hex(v.gi())).bytes()).isEqualTo(hex(v.shared()));
        }
    }

    /** RFC 5903 section 8.1, 256-bit random ECP group. */
    @Test
    void rfc5903Group19() throws Exception {
        assertRfc5903(Rfc5903.GROUP_19);
    }

    /** RFC 5903 section 8.2, 384-bit random ECP group. */
    @Test
    void rfc5903Group20() throws Exception {
        assertRfc5903(Rfc5903.GROUP_20);
    }

    /** RFC 5903 section 8.3, 521-bit random ECP group: coordinates padded to 66 octets. */
    @Test
    void rfc5903Group21() throws Exception {
        assertRfc5903(Rfc5903.GROUP_21);
    }

    @Test
    void ecpRejectsPointsOffTheCurveOrOutsideTheField() throws Exception {
        KeyExchange kx = group(DhGroup.ECP_256);
        try (KeyExchange.Ephemeral ours = kx.generate(random); KeyExchange.Ephemeral theirs = kx.generate(random)) {
            byte[] good = theirs.publicValue();
            assertThat(ours.agree(good).bytes()).isEqualTo(theirs.agree(ours.publicValue()).bytes());
            byte[] offCurve = good.clone();
            offCurve[63] ^= 1;
            assertThatThrownBy(() -> ours.agree(offCurve)).isInstanceOf(KeyExchangeException.class)
                    .hasMessageContaining("not on the curve");
            byte[] outside = good.clone();
            java.util.Arrays.fill(outside, 0, 32, (byte) 0xff);
            assertThatThrownBy(() -> ours.agree(outside)).isInstanceOf(KeyExchangeException.class)
                    .hasMessageContaining("outside the field");
            assertThatThrownBy(() -> ours.agree(new byte[64])).isInstanceOf(KeyExchangeException.class);
            assertThatThrownBy(() -> ours.agree(java.util.Arrays.copyOf(good, 65)))
                    .isInstanceOf(KeyExchangeException.class).hasMessageContaining("65 octets");
        }
        assertThat(kx.publicValueLength()).isEqualTo(64);
        assertThat(group(DhGroup.ECP_521).publicValueLength()).isEqualTo(132);
    }

    /** RFC 7748 section 6.1 (also the RFC 8031 example shape): Alice and Bob. */
    @Test
    void rfc7748Section6_1Curve25519() throws Exception {
        X25519KeyExchange kx = (X25519KeyExchange) group(DhGroup.CURVE25519);
        try (KeyExchange.Ephemeral alice = kx.ephemeral(
                hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
                KeyExchange.Ephemeral bob = kx.ephemeral(
                        hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))) {
            assertThat(alice.publicValue())
                    .isEqualTo(hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
            assertThat(bob.publicValue())
                    .isEqualTo(hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
            byte[] shared = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
            assertThat(alice.agree(bob.publicValue()).bytes()).isEqualTo(shared);
            assertThat(bob.agree(alice.publicValue()).bytes()).isEqualTo(shared);
        }
    }

    /** RFC 7748 section 5.2, first X25519 vector: scalar and u coordinate given directly. */
    @Test
    void rfc7748Section5_2ScalarMultiplication() throws Exception {
        X25519KeyExchange kx = (X25519KeyExchange) group(DhGroup.CURVE25519);
        try (KeyExchange.Ephemeral e = kx.ephemeral(
                hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"))) {
            assertThat(e.agree(hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")).bytes())
                    .isEqualTo(hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"));
        }
    }

    /** RFC 8031 section 2.3: small-order public values give an all-zero secret, which must be refused. */
    @Test
    void curve25519RefusesSmallOrderPoints() {
        KeyExchange kx = group(DhGroup.CURVE25519);
        try (KeyExchange.Ephemeral e = kx.generate(random)) {
            for (String smallOrder : new String[] {"00".repeat(32), "01" + "00".repeat(31),
                    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"}) {
                assertThatThrownBy(() -> e.agree(hex(smallOrder))).isInstanceOf(KeyExchangeException.class)
                        .hasMessageContaining("all zero");
            }
            assertThatThrownBy(() -> e.agree(new byte[31])).isInstanceOf(KeyExchangeException.class);
        }
    }

    /** Group 14 against the JDK's own DH KeyAgreement, an independent implementation. */
    @Test
    void modpGroup14AgreesWithTheJdk() throws Exception {
        BigInteger p = DHStandardGroups.rfc3526_2048.getP();
        DHParameterSpec spec = new DHParameterSpec(p, BigInteger.TWO);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DH");
        generator.initialize(spec);
        KeyPair jdk = generator.generateKeyPair();
        try (KeyExchange.Ephemeral ours = group(DhGroup.MODP_2048).generate(random)) {
            byte[] ourPublic = ours.publicValue();
            assertThat(ourPublic).hasSize(256);
            KeyAgreement agreement = KeyAgreement.getInstance("DH");
            agreement.init(jdk.getPrivate());
            agreement.doPhase(KeyFactory.getInstance("DH")
                    .generatePublic(new DHPublicKeySpec(new BigInteger(1, ourPublic), p, BigInteger.TWO)), true);
            byte[] jdkShared = agreement.generateSecret();
            byte[] theirPublic = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(256,
                    ((DHPublicKey) jdk.getPublic()).getY());
            Secret shared = ours.agree(theirPublic);
            assertThat(shared.bytes()).hasSize(256).isEqualTo(jdkShared);
        }
    }

    @Test
    void modpRejectsOutOfRangeValues() {
        for (DhGroup g : new DhGroup[] {DhGroup.MODP_2048, DhGroup.MODP_3072, DhGroup.MODP_4096}) {
            KeyExchange kx = group(g);
            BigInteger p = new BigInteger(1, hexOfPrime(g));
            int length = kx.publicValueLength();
            try (KeyExchange.Ephemeral e = kx.generate(random)) {
                for (BigInteger bad : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                        p.add(BigInteger.ONE)}) {
                    byte[] value = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(length, bad.mod(
                            BigInteger.ONE.shiftLeft(8 * length)));
                    assertThatThrownBy(() -> e.agree(value)).as("%s %s", g, bad)
                            .isInstanceOf(KeyExchangeException.class);
                }
                assertThatThrownBy(() -> e.agree(new byte[length - 1])).isInstanceOf(KeyExchangeException.class);
            }
        }
    }

    private static byte[] hexOfPrime(DhGroup g) {
        BigInteger p = g.equals(DhGroup.MODP_2048) ? DHStandardGroups.rfc3526_2048.getP()
                : g.equals(DhGroup.MODP_3072) ? DHStandardGroups.rfc3526_3072.getP()
                        : DHStandardGroups.rfc3526_4096.getP();
        return p.toByteArray();
    }

    @Test
    void modp1024IsLegacyAndOffByDefault() throws Exception {
        assertThat(suite.keyExchange(DhGroup.MODP_1024)).isEmpty();
        KeyExchange legacy = suite.withLegacyGroups(true).keyExchange(DhGroup.MODP_1024).orElseThrow();
        assertThat(legacy.isLegacy()).isTrue();
        assertThat(legacy.publicValueLength()).isEqualTo(128);
        try (KeyExchange.Ephemeral a = legacy.generate(random); KeyExchange.Ephemeral b = legacy.generate(random)) {
            assertThat(a.agree(b.publicValue()).bytes()).isEqualTo(b.agree(a.publicValue()).bytes());
        }
        assertThat(group(DhGroup.MODP_2048).isLegacy()).isFalse();
    }

    @Test
    void everySupportedGroupAgreesWithItselfAndClosedEphemeralsRefuse() throws Exception {
        for (DhGroup g : new DhGroup[] {DhGroup.MODP_2048, DhGroup.MODP_3072, DhGroup.MODP_4096, DhGroup.ECP_256,
                DhGroup.ECP_384, DhGroup.ECP_521, DhGroup.CURVE25519}) {
            KeyExchange kx = group(g);
            KeyExchange.Ephemeral a = kx.generate(random);
            try (KeyExchange.Ephemeral b = kx.generate(random)) {
                assertThat(a.publicValue()).as(g.name()).hasSize(kx.publicValueLength());
                assertThat(a.agree(b.publicValue()).bytes()).as(g.name()).isEqualTo(b.agree(a.publicValue()).bytes());
                a.close();
                assertThatThrownBy(() -> a.agree(b.publicValue())).isInstanceOf(IllegalStateException.class);
            }
        }
        assertThat(suite.keyExchange(DhGroup.CURVE448)).isEmpty();
        assertThat(suite.keyExchange(DhGroup.valueOf(4242))).isEmpty();
    }
}
