package io.flexgate.ikev2.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.IdPayload;
import io.flexgate.ikev2.message.IdType;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/**
 * The first IKE_AUTH request (RFC 7296 section 1.2, 2.16): INITIAL_CONTACT (section 2.4) unless the client is told
 * not to send it, which load runs with one user need so that the headend keeps each session.
 */
class FirstAuthTest {

    @Test
    void initialContactIsSentByDefaultAndLeftOutWhenConfigured() throws Exception {
        X509Certificate ca = selfSigned();
        IdPayload id = new IdPayload(true, IdType.ID_KEY_ID, Bytes.of("test".getBytes(StandardCharsets.UTF_8)));

        assertThat(notifies(InitiatorMessages.firstAuth(id, config(ca, true), 0x1234_5678)))
                .contains(NotifyType.INITIAL_CONTACT);
        assertThat(notifies(InitiatorMessages.firstAuth(id, config(ca, false), 0x1234_5678)))
                .doesNotContain(NotifyType.INITIAL_CONTACT);
    }

    private static List<NotifyType> notifies(List<IkePayload> payloads) {
        return payloads.stream().filter(NotifyPayload.class::isInstance).map(p -> ((NotifyPayload) p).notifyType())
                .toList();
    }

    private static InitiatorConfig config(X509Certificate ca, boolean initialContact) throws Exception {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 500);
        return new InitiatorConfig(local, local, remote, IdType.ID_KEY_ID, "test", "test",
                () -> Secret.copyOf(new byte[0]), (EapMethod) null, Map.of(), List.of(ca), Optional.of("vpn.example.com"),
                InitiatorProposals.defaultIke(List.of(DhGroup.ECP_256)), InitiatorProposals.defaultEsp(), List.of(),
                InitiatorConfig.DEFAULT_FRAGMENT_MTU, Duration.ofSeconds(1), 1, initialContact);
    }

    private static X509Certificate selfSigned() throws Exception {
        var keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X500Name name = new X500Name("CN=Test CA");
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                new Date(), new Date(System.currentTimeMillis() + 86_400_000L), name, keys.getPublic());
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
