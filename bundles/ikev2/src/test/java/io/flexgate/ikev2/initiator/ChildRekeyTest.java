package io.flexgate.ikev2.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.ikev2.crypto.ChildSaKeys;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.EsnMode;
import io.flexgate.ikev2.crypto.IkeKeyDerivation;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.KeyExchange;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.KePayload;
import io.flexgate.ikev2.message.NoncePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.SaPayload.Proposal;
import io.flexgate.ikev2.message.SaPayload.Transform;
import io.flexgate.ikev2.message.TrafficSelectorPayload;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The client's answer to the headend's CHILD_SA rekey (RFC 7296 section 1.3.3): the CHILD_SA found by the SPI the
 * headend receives on, one transform per type out of a proposal our ESP offer covers, our new SPI and nonce, the
 * selectors echoed, and KEYMAT with the headend as the exchange's initiator (section 2.17), so that what we send
 * is under the keys the headend takes as "responder to initiator".
 */
class ChildRekeyTest {

    private static final int OLD_IN = 0x1111_0001;
    private static final int OLD_OUT = 0x2222_0001;
    private static final int NEW_IN = 0x1111_0002;
    private static final int HEADEND_NEW = 0x2222_0002;
    /** AES-GCM-16/256 key with its 4-octet salt (RFC 4106 section 8.1). */
    private static final int GCM_256_KEY_OCTETS = 36;

    private final SecureRandom random = new SecureRandom();
    private final CryptoSuite suite = CryptoSuite.defaults();
    private final SkCipherFactory factory = new SkCipherFactory(suite, random);
    private final byte[] ni = bytes(32);
    private final Secret skD = Secret.copyOf(bytes(32));

    @Test
    void rekeyIsAnsweredWithOurSpiAndNonceAndKeysWithTheHeadendAsInitiator() throws Exception {
        IkeKeyDerivation kdf = kdf();
        ChildSa old = oldChild();

        ChildRekey.Answer a = ChildRekey.answer(request(OLD_OUT, List.of(gcm(1))), List.of(old),
                InitiatorProposals.defaultEsp(), NEW_IN, kdf, factory, suite, skD, random);

        Proposal reply = payload(a.payloads(), SaPayload.class).proposals().get(0);
        assertThat(reply.number()).isEqualTo(1);
        assertThat(ByteBuffer.wrap(reply.spi().toByteArray()).getInt()).isEqualTo(NEW_IN);
        assertThat(reply.transforms()).containsExactly(Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 256),
                Transform.of(EsnMode.NO_ESN));
        byte[] nr = payload(a.payloads(), NoncePayload.class).nonce().toByteArray();
        assertThat(a.payloads().stream().filter(TrafficSelectorPayload.class::isInstance)).hasSize(2);
        assertThat(a.old()).contains(old);
        ChildSa fresh = a.child().orElseThrow();
        assertThat(fresh.inboundSpi()).isEqualTo(NEW_IN);
        assertThat(fresh.outboundSpi()).isEqualTo(HEADEND_NEW);
        assertThat(fresh.weInitiated()).isFalse();
        assertThat(fresh.remoteSelectors()).isEqualTo(old.remoteSelectors());
        try (ChildSaKeys expected = kdf.childSaKeys(skD, null, ni, nr, GCM_256_KEY_OCTETS, 0)) {
            assertThat(fresh.outboundEncryptionKey().equalsConstantTime(expected.responderEncryption())).isTrue();
            assertThat(fresh.inboundEncryptionKey().equalsConstantTime(expected.initiatorEncryption())).isTrue();
        }
    }

    @Test
    void rekeyWithKeyExchangeIsAnsweredWithOurKeAndPfsKeys() throws Exception {
        IkeKeyDerivation kdf = kdf();
        KeyExchange.Ephemeral headend = suite.keyExchange(DhGroup.ECP_256).orElseThrow().generate(random);
        List<Transform> withKe = new ArrayList<>(gcm(1).transforms());
        withKe.add(Transform.of(DhGroup.ECP_256));
        Proposal offered = new Proposal(1, ProtocolId.ESP, spi(HEADEND_NEW), withKe);
        List<IkePayload> payloads = new ArrayList<>(request(OLD_OUT, List.of(offered)).payloads());
        payloads.add(new KePayload(DhGroup.ECP_256, Bytes.of(headend.publicValue())));

        ChildRekey.Answer a = ChildRekey.answer(message(payloads), List.of(oldChild()), InitiatorProposals.defaultEsp(),
                NEW_IN, kdf, factory, suite, skD, random);

        KePayload ours = payload(a.payloads(), KePayload.class);
        assertThat(ours.group()).isEqualTo(DhGroup.ECP_256);
        byte[] nr = payload(a.payloads(), NoncePayload.class).nonce().toByteArray();
        try (Secret shared = headend.agree(ours.data().toByteArray());
                ChildSaKeys expected = kdf.childSaKeys(skD, shared, ni, nr, GCM_256_KEY_OCTETS, 0)) {
            assertThat(a.child().orElseThrow().outboundEncryptionKey().equalsConstantTime(expected.responderEncryption()))
                    .isTrue();
        }
        headend.close();
    }

    @Test
    void rekeyOfAnUnknownChildSaIsChildSaNotFound() throws Exception {
        ChildRekey.Answer a = ChildRekey.answer(request(0x0BAD_0BAD, List.of(gcm(1))), List.of(oldChild()),
                InitiatorProposals.defaultEsp(), NEW_IN, kdf(), factory, suite, skD, random);

        assertThat(a.child()).isEmpty();
        assertThat(payload(a.payloads(), NotifyPayload.class).notifyType()).isEqualTo(NotifyType.CHILD_SA_NOT_FOUND);
    }

    @Test
    void proposalWeNeverOfferedIsNoProposalChosen() throws Exception {
        Proposal cbc128 = new Proposal(1, ProtocolId.ESP, spi(HEADEND_NEW), List.of(
                Transform.of(EncrAlgorithm.ENCR_AES_CBC, 128), Transform.of(IntegAlgorithm.AUTH_HMAC_SHA1_96),
                Transform.of(EsnMode.NO_ESN)));

        ChildRekey.Answer a = ChildRekey.answer(request(OLD_OUT, List.of(cbc128)), List.of(oldChild()),
                InitiatorProposals.defaultEsp(), NEW_IN, kdf(), factory, suite, skD, random);

        assertThat(a.child()).isEmpty();
        assertThat(payload(a.payloads(), NotifyPayload.class).notifyType()).isEqualTo(NotifyType.NO_PROPOSAL_CHOSEN);
    }

    @Test
    void newChildSaWithoutRekeySaIsRefusedWithNoAdditionalSas() throws Exception {
        List<IkePayload> payloads = new ArrayList<>(request(OLD_OUT, List.of(gcm(1))).payloads());
        payloads.removeIf(p -> p instanceof NotifyPayload n && n.notifyType().equals(NotifyType.REKEY_SA));

        ChildRekey.Answer a = ChildRekey.answer(message(payloads), List.of(oldChild()), InitiatorProposals.defaultEsp(),
                NEW_IN, kdf(), factory, suite, skD, random);

        assertThat(a.child()).isEmpty();
        assertThat(payload(a.payloads(), NotifyPayload.class).notifyType()).isEqualTo(NotifyType.NO_ADDITIONAL_SAS);
    }

    @Test
    void theHeadendsPreferenceWinsAmongProposalsWeCover() {
        Proposal cbc = new Proposal(1, ProtocolId.ESP, spi(HEADEND_NEW), List.of(
                Transform.of(EncrAlgorithm.ENCR_AES_CBC, 256), Transform.of(IntegAlgorithm.AUTH_HMAC_SHA2_256_128),
                Transform.of(EsnMode.NO_ESN)));

        Optional<Proposal> chosen = ChildRekey.choose(List.of(cbc, gcm(2)), InitiatorProposals.defaultEsp(),
                Optional.empty(), suite);

        assertThat(chosen).hasValueSatisfying(p -> assertThat(p.number()).isEqualTo(1));
        assertThat(chosen.get().transforms(io.flexgate.ikev2.crypto.TransformType.INTEG))
                .containsExactly(Transform.of(IntegAlgorithm.AUTH_HMAC_SHA2_256_128));
    }

    // ---- fixtures ----

    private IkeKeyDerivation kdf() throws Exception {
        return factory.keyDerivation(new IkeSaTransforms(EncrAlgorithm.ENCR_AES_GCM_16, 256,
                PrfAlgorithm.PRF_HMAC_SHA2_256, IntegAlgorithm.NONE, DhGroup.ECP_256));
    }

    private ChildSa oldChild() {
        Secret k = Secret.copyOf(bytes(GCM_256_KEY_OCTETS));
        Secret none = Secret.copyOf(new byte[0]);
        return new ChildSa(OLD_IN, OLD_OUT, EncrAlgorithm.ENCR_AES_GCM_16, 256, IntegAlgorithm.NONE, false,
                new ChildSaKeys(k, none, Secret.copyOf(k.bytes()), Secret.copyOf(none.bytes())),
                List.of(IpPrefix.parse("192.168.10.5/32")), List.of(IpPrefix.parse("10.0.0.0/8")), true);
    }

    private Proposal gcm(int number) {
        return new Proposal(number, ProtocolId.ESP, spi(HEADEND_NEW), List.of(
                Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 256), Transform.of(EsnMode.NO_ESN)));
    }

    /** What FlexGate's headend sends when a CHILD_SA reaches its soft lifetime (engine CreateChildSaExchange). */
    private IkeMessage request(int rekeyedSpi, List<Proposal> proposals) throws Exception {
        return message(List.of(new NotifyPayload(ProtocolId.ESP, spi(rekeyedSpi), NotifyType.REKEY_SA, Bytes.EMPTY),
                new SaPayload(proposals), new NoncePayload(Bytes.of(ni)),
                new TrafficSelectorPayload(true, List.of(TrafficSelectorPayload.TrafficSelector.range(
                        InetAddress.getByName("10.0.0.0"), InetAddress.getByName("10.255.255.255")))),
                new TrafficSelectorPayload(false, List.of(TrafficSelectorPayload.TrafficSelector.range(
                        InetAddress.getByName("192.168.10.5"), InetAddress.getByName("192.168.10.5"))))));
    }

    private static IkeMessage message(List<IkePayload> payloads) {
        return new IkeMessage(IkeHeader.of(1, 2, ExchangeType.CREATE_CHILD_SA, false, false, 7), true, payloads);
    }

    private static <T> T payload(List<IkePayload> payloads, Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static Bytes spi(int spi) {
        return Bytes.of(ByteBuffer.allocate(4).putInt(spi).array());
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
