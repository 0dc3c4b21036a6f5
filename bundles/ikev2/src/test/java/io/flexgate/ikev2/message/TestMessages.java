package io.flexgate.ikev2.message;

import io.flexgate.ikev2.crypto.AuthMethod;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.EsnMode;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.message.ConfigPayload.ConfigAttribute;
import io.flexgate.ikev2.message.SaPayload.Proposal;
import io.flexgate.ikev2.message.SaPayload.Transform;
import io.flexgate.ikev2.message.SaPayload.TransformAttribute;
import io.flexgate.ikev2.message.TrafficSelectorPayload.TrafficSelector;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Payloads and messages of a typical AnyConnect / strongSwan exchange, built through the public records. */
final class TestMessages {

    static final long SPI_I = 0x1122334455667788L;
    static final long SPI_R = 0x99aabbccddeeff00L;

    private TestMessages() {
    }

    static Bytes filled(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return Bytes.of(b);
    }

    /** A self-signed test certificate (openssl, P-256, CN=vpn.example.org), DER; its key was discarded. */
    static Bytes certificate() {
        try (java.io.InputStream in = TestMessages.class.getResourceAsStream("/message/vpn-example-org.der")) {
            return Bytes.of(in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Bytes distinguishedName(String dn) {
        return Bytes.of(new javax.security.auth.x500.X500Principal(dn).getEncoded());
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static SaPayload ikeSa() {
        return new SaPayload(List.of(
                new Proposal(1, ProtocolId.IKE, Bytes.EMPTY, List.of(Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 256),
                        Transform.of(PrfAlgorithm.PRF_HMAC_SHA2_256), Transform.of(DhGroup.CURVE25519),
                        Transform.of(DhGroup.ECP_256))),
                new Proposal(2, ProtocolId.IKE, Bytes.EMPTY, List.of(Transform.of(EncrAlgorithm.ENCR_AES_CBC, 128),
                        Transform.of(PrfAlgorithm.PRF_HMAC_SHA1), Transform.of(IntegAlgorithm.AUTH_HMAC_SHA1_96),
                        Transform.of(DhGroup.MODP_2048)))));
    }

    static SaPayload espSa() {
        return new SaPayload(List.of(new Proposal(1, ProtocolId.ESP, Bytes.ofHex("c0ffee01"), List.of(
                Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 128), Transform.of(EsnMode.NO_ESN),
                new Transform(io.flexgate.ikev2.crypto.TransformType.ENCR, 12,
                        List.of(new TransformAttribute(17, false, Bytes.ofHex("0102030405"))))))));
    }

    static List<IkePayload> everyPayload() {
        return List.of(
                ikeSa(), espSa(),
                new KePayload(DhGroup.CURVE25519, filled(32, 1)),
                new IdPayload(true, IdType.ID_FQDN, Bytes.of("client.example.org".getBytes(StandardCharsets.US_ASCII))),
                new IdPayload(true, IdType.ID_KEY_ID, Bytes.of("*$AnyConnectClient$*".getBytes(StandardCharsets.US_ASCII))),
                new IdPayload(true, IdType.ANYCONNECT_PRIVATE, Bytes.of("*$AnyConnectClient$*".getBytes(StandardCharsets.US_ASCII))),
                new IdPayload(false, IdType.ID_IPV4_ADDR, Bytes.ofHex("c6120001")),
                new IdPayload(false, IdType.ID_IPV6_ADDR, filled(16, 3)),
                new IdPayload(false, IdType.ID_DER_ASN1_DN, distinguishedName("CN=vpn.example.org, O=FlexGate test")),
                new CertPayload(CertEncoding.X509_SIGNATURE, certificate()),
                new CertReqPayload(CertEncoding.X509_SIGNATURE, filled(40, 11)),
                new AuthPayload(AuthMethod.SHARED_KEY_MIC, filled(32, 13)),
                new AuthPayload(AuthMethod.DIGITAL_SIGNATURE, filled(270, 15)),
                new NoncePayload(filled(32, 17)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, filled(20, 19)),
                NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED),
                NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, Bytes.ofHex("0002000300040005")),
                new NotifyPayload(ProtocolId.ESP, Bytes.ofHex("c0ffee01"), NotifyType.REKEY_SA, Bytes.EMPTY),
                NotifyPayload.of(NotifyType.valueOf(40_000), filled(3, 1)),
                DeletePayload.ikeSa(),
                new DeletePayload(ProtocolId.ESP, 4, List.of(Bytes.ofHex("c0ffee01"), Bytes.ofHex("c0ffee02"))),
                new VendorIdPayload(Bytes.ofHex("4048b7d56ebce88525e7de7f00d6c2d3")),
                new TrafficSelectorPayload(true, List.of(
                        TrafficSelector.range(ip("0.0.0.0"), ip("255.255.255.255")),
                        new TrafficSelector(TsType.TS_IPV6_ADDR_RANGE, 17, 500, 4500, ip("2001:db8::1"), ip("2001:db8::ff")))),
                new TrafficSelectorPayload(false, List.of(TrafficSelector.range(ip("10.0.0.0"), ip("10.0.255.255")))),
                new ConfigPayload(ConfigType.CFG_REQUEST, List.of(
                        ConfigAttribute.request(ConfigAttributeType.INTERNAL_IP4_ADDRESS),
                        ConfigAttribute.request(ConfigAttributeType.INTERNAL_IP4_DNS),
                        ConfigAttribute.request(ConfigAttributeType.INTERNAL_DNS_DOMAIN),
                        ConfigAttribute.request(ConfigAttributeType.UNITY_BANNER))),
                new ConfigPayload(ConfigType.CFG_REPLY, List.of(
                        new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS, Bytes.ofHex("0a000005")),
                        new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_SUBNET, Bytes.ofHex("0a000000ffff0000")),
                        new ConfigAttribute(ConfigAttributeType.INTERNAL_IP6_ADDRESS, filled(17, 2)),
                        new ConfigAttribute(ConfigAttributeType.INTERNAL_DNS_DOMAIN,
                                Bytes.of("corp.example".getBytes(StandardCharsets.US_ASCII))),
                        new ConfigAttribute(ConfigAttributeType.UNITY_BANNER, Bytes.of("hello".getBytes(StandardCharsets.US_ASCII))),
                        new ConfigAttribute(ConfigAttributeType.valueOf(28_700), filled(6, 4)))),
                new EapPayload(Bytes.ofHex("0201000a01616c696365")),
                new EapPayload(Bytes.ofHex("03050004")),
                new UnknownPayload(PayloadType.valueOf(200), false, filled(10, 8)));
    }

    static IkeMessage saInitRequest() {
        return new IkeMessage(IkeHeader.of(SPI_I, 0, ExchangeType.IKE_SA_INIT, true, false, 0), false, List.of(
                ikeSa(), new KePayload(DhGroup.CURVE25519, filled(32, 1)), new NoncePayload(filled(32, 2)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, filled(20, 3)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, filled(20, 4)),
                NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED),
                new VendorIdPayload(Bytes.ofHex("4048b7d56ebce88525e7de7f00d6c2d3"))));
    }

    static IkeMessage saInitResponse() {
        return new IkeMessage(IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_SA_INIT, false, true, 0), false, List.of(
                new SaPayload(List.of(new Proposal(1, ProtocolId.IKE, Bytes.EMPTY, List.of(
                        Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 256), Transform.of(PrfAlgorithm.PRF_HMAC_SHA2_256),
                        Transform.of(DhGroup.CURVE25519))))),
                new KePayload(DhGroup.CURVE25519, filled(32, 5)), new NoncePayload(filled(32, 6)),
                new CertReqPayload(CertEncoding.X509_SIGNATURE, filled(20, 7)),
                NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED)));
    }

    static IkeMessage authRequest() {
        return new IkeMessage(IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_AUTH, true, false, 1), true, List.of(
                new IdPayload(true, IdType.ID_KEY_ID, Bytes.of("*$AnyConnectClient$*".getBytes(StandardCharsets.US_ASCII))),
                NotifyPayload.of(NotifyType.INITIAL_CONTACT),
                new ConfigPayload(ConfigType.CFG_REQUEST, List.of(
                        ConfigAttribute.request(ConfigAttributeType.INTERNAL_IP4_ADDRESS),
                        ConfigAttribute.request(ConfigAttributeType.INTERNAL_IP4_DNS))),
                espSa(),
                new TrafficSelectorPayload(true, List.of(TrafficSelector.range(ip("0.0.0.0"), ip("255.255.255.255")))),
                new TrafficSelectorPayload(false, List.of(TrafficSelector.range(ip("0.0.0.0"), ip("255.255.255.255"))))));
    }

    /** An IKE_AUTH response large enough to need fragments: a certificate chain. */
    static IkeMessage largeAuthResponse() {
        return new IkeMessage(IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_AUTH, false, true, 1), true, List.of(
                new IdPayload(false, IdType.ID_FQDN, Bytes.of("vpn.example.org".getBytes(StandardCharsets.US_ASCII))),
                new CertPayload(CertEncoding.X509_SIGNATURE, certificate()),
                new CertPayload(CertEncoding.X509_SIGNATURE, certificate()),
                new CertPayload(CertEncoding.X509_SIGNATURE, certificate()),
                new CertPayload(CertEncoding.X509_SIGNATURE, certificate()),
                new CertPayload(CertEncoding.X509_SIGNATURE, certificate()),
                new AuthPayload(AuthMethod.RSA_DIGITAL_SIGNATURE, filled(256, 23)),
                new EapPayload(Bytes.ofHex("0101000501"))));
    }
}
