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

    private void assertRfc5903(DhGroup group, String i, String gi, String r, String gr, String shared)
            throws Exception {
        EcpKeyExchange kx = (EcpKeyExchange) group(group);
        try (KeyExchange.Ephemeral initiator = kx.ephemeral(new BigInteger(i, 16));
                KeyExchange.Ephemeral responder = kx.ephemeral(new BigInteger(r, 16))) {
            assertThat(initiator.publicValue()).isEqualTo(hex(gi));
            assertThat(responder.publicValue()).isEqualTo(hex(gr));
            assertThat(initiator.agree(hex(gr)).bytes()).isEqualTo(hex(shared));
            assertThat(responder.agree(hex(gi)).bytes()).isEqualTo(hex(shared));
        }
    }

    /** RFC 5903 section 8.1, 256-bit random ECP group. */
    @Test
    void rfc5903Group19() throws Exception {
        assertRfc5903(DhGroup.ECP_256, "C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433",
                "DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"
                        + "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3",
                "C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53",
                "D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"
                        + "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB",
                "D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE");
    }

    /** RFC 5903 section 8.2, 384-bit random ECP group. */
    @Test
    void rfc5903Group20() throws Exception {
        assertRfc5903(DhGroup.ECP_384,
                "099F3C7034D4A2C699884D73A375A67F7624EF7C6B3C0F160647B67414DCE655E35B538041E649EE3FAEF896783AB194",
                "667842D7D180AC2CDE6F74F37551F55755C7645C20EF73E31634FE72B4C55EE6DE3AC808ACB4BDB4C88732AEE95F41AA"
                        + "9482ED1FC0EEB9CAFC4984625CCFC23F65032149E0E144ADA024181535A0F38EEB9FCFF3C2C947DAE69B4C634573A81C",
                "41CB0779B4BDB85D47846725FBEC3C9430FAB46CC8DC5060855CC9BDA0AA2942E0308312916B8ED2960E4BD55A7448FC",
                "E558DBEF53EECDE3D3FCCFC1AEA08A89A987475D12FD950D83CFA41732BC509D0D1AC43A0336DEF96FDA41D0774A3571"
                        + "DCFBEC7AACF3196472169E838430367F66EEBE3C6E70C416DD5F0C68759DD1FFF83FA40142209DFF5EAAD96DB9E6386C",
                "11187331C279962D93D604243FD592CB9D0A926F422E47187521287E7156C5C4D603135569B9E9D09CF5D4A270F59746");
    }

    /** RFC 5903 section 8.3, 521-bit random ECP group: coordinates padded to 66 octets. */
    @Test
    void rfc5903Group21() throws Exception {
        assertRfc5903(DhGroup.ECP_521,
                "0037ADE9319A89F4DABDB3EF411AACCCA5123C61ACAB57B5393DCE47608172A095AA85A30FE1C2952C6771D937BA9777"
                        + "F5957B2639BAB072462F68C27A57382D4A52",
                "0015417E84DBF28C0AD3C278713349DC7DF153C897A1891BD98BAB4357C9ECBEE1E3BF42E00B8E380AEAE57C2D107564"
                        + "941885942AF5A7F4601723C4195D176CED3E"
                        + "017CAE20B6641D2EEB695786D8C946146239D099E18E1D5A514C739D7CB4A10AD8A788015AC405D7799DC75E7B7D5B"
                        + "6CF2261A6A7F1507438BF01BEB6CA3926F9582",
                "0145BA99A847AF43793FDD0E872E7CDFA16BE30FDC780F97BCCC3F078380201E9C677D600B343757A3BDBF2A3163E4C2"
                        + "F869CCA7458AA4A4EFFC311F5CB151685EB9",
                "00D0B3975AC4B799F5BEA16D5E13E9AF971D5E9B984C9F39728B5E5739735A219B97C356436ADC6E95BB0352F6BE64A6"
                        + "C2912D4EF2D0433CED2B6171640012D9460F"
                        + "015C68226383956E3BD066E797B623C27CE0EAC2F551A10C2C724D9852077B87220B6536C5C408A1D2AEBB8E86D678"
                        + "AE49CB57091F4732296579AB44FCD17F0FC56A",
                "01144C7D79AE6956BC8EDB8E7C787C4521CB086FA64407F97894E5E6B2D79B04D1427E73CA4BAA240A34786859810C06"
                        + "B3C715A3A8CC3151F2BEE417996D19F3DDEA");
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
