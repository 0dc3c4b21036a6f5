package io.flexgate.ikev2.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.ikev2.config.Cipher;
import io.flexgate.ikev2.config.IkeProposal;
import io.flexgate.ikev2.config.TransformSet;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.EsnMode;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.crypto.TransformType;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.SaPayload.Proposal;
import io.flexgate.ikev2.message.SaPayload.Transform;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Proposal choice for IKE SAs and CHILD_SAs (RFC 7296 sections 2.7, 3.3; RFC 5282 for AEAD; 1.3 for PFS). */
class ProposalSelectionTest {

    private static final CryptoSuite SUITE = CryptoSuite.defaults();
    private static final List<IkeProposal> DEFAULTS = IkeProposal.smartDefaults();
    private static final Bytes PEER_ESP_SPI = Bytes.ofHex("c1a2b3d4");

    /** strongSwan's {@code aes256-sha256-modp2048}. */
    private static Proposal ikeCbc(int number, DhGroup group) {
        return new Proposal(number, ProtocolId.IKE, Bytes.EMPTY, List.of(Transform.of(EncrAlgorithm.ENCR_AES_CBC, 256),
                Transform.of(IntegAlgorithm.AUTH_HMAC_SHA2_256_128), Transform.of(PrfAlgorithm.PRF_HMAC_SHA2_256),
                Transform.of(group)));
    }

    @Test
    void ikeCbcProposalIsChosenWithItsNumberAndTransforms() {
        var choice = ProposalSelection.selectIke(new SaPayload(List.of(ikeCbc(1, DhGroup.MODP_2048))), DEFAULTS, SUITE);

        assertThat(choice).isPresent();
        assertThat(choice.get().reply().number()).isEqualTo(1);
        assertThat(choice.get().transforms().encr()).isEqualTo(EncrAlgorithm.ENCR_AES_CBC);
        assertThat(choice.get().transforms().encrKeyBits()).isEqualTo(256);
        assertThat(choice.get().transforms().integ()).isEqualTo(IntegAlgorithm.AUTH_HMAC_SHA2_256_128);
        assertThat(choice.get().transforms().dhGroup()).isEqualTo(DhGroup.MODP_2048);
        assertThat(choice.get().reply().transforms(TransformType.ENCR)).hasSize(1);
    }

    @Test
    void firstAcceptableProposalOfThePeerWins() {
        Proposal modp1024 = ikeCbc(1, DhGroup.MODP_1024); // not in the smart defaults
        Proposal ecp256 = ikeCbc(2, DhGroup.ECP_256);
        var choice = ProposalSelection.selectIke(new SaPayload(List.of(modp1024, ecp256)), DEFAULTS, SUITE);

        assertThat(choice).map(c -> c.reply().number()).contains(2);
        assertThat(choice.get().transforms().dhGroup()).isEqualTo(DhGroup.ECP_256);
    }

    @Test
    void aeadProposalHasNoIntegrityInTheReply() {
        Proposal gcm = new Proposal(1, ProtocolId.IKE, Bytes.EMPTY, List.of(Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 128),
                Transform.of(PrfAlgorithm.PRF_HMAC_SHA2_256), Transform.of(DhGroup.CURVE25519)));
        var choice = ProposalSelection.selectIke(new SaPayload(List.of(gcm)), DEFAULTS, SUITE);

        assertThat(choice).isPresent();
        assertThat(choice.get().reply().transforms(TransformType.INTEG)).isEmpty();
        assertThat(choice.get().transforms().integ()).isEqualTo(IntegAlgorithm.NONE);
    }

    @Test
    void aeadProposalWithAnIntegrityAlgorithmIsRefused() {
        // RFC 5282 section 8: AEAD with a non-NONE integrity transform is not a valid combination.
        Proposal bad = new Proposal(1, ProtocolId.IKE, Bytes.EMPTY, List.of(Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 128),
                Transform.of(IntegAlgorithm.AUTH_HMAC_SHA2_256_128), Transform.of(PrfAlgorithm.PRF_HMAC_SHA2_256),
                Transform.of(DhGroup.ECP_256)));

        assertThat(ProposalSelection.selectIke(new SaPayload(List.of(bad)), DEFAULTS, SUITE)).isEmpty();
    }

    @Test
    void noCommonIkeProposalIsEmptyAndDescribed() {
        Proposal des = new Proposal(1, ProtocolId.IKE, Bytes.EMPTY, List.of(Transform.of(EncrAlgorithm.ENCR_3DES),
                Transform.of(IntegAlgorithm.AUTH_HMAC_SHA1_96), Transform.of(PrfAlgorithm.PRF_HMAC_SHA1),
                Transform.of(DhGroup.MODP_1024)));
        SaPayload offered = new SaPayload(List.of(des));

        assertThat(ProposalSelection.selectIke(offered, DEFAULTS, SUITE)).isEmpty();
        assertThat(ProposalSelection.describe(offered)).contains("IKE").contains("3DES");
    }

    @Test
    void acceptableGroupsForInvalidKeFollowOurOrderAndThePeersOffer() {
        // The peer offers MODP-2048 and ECP-256 but sent KE for another group: INVALID_KE names ECP-256 first,
        // the smart defaults' first choice (RFC 7296 section 1.3).
        Proposal p = new Proposal(1, ProtocolId.IKE, Bytes.EMPTY, List.of(Transform.of(EncrAlgorithm.ENCR_AES_CBC, 256),
                Transform.of(IntegAlgorithm.AUTH_HMAC_SHA2_256_128), Transform.of(PrfAlgorithm.PRF_HMAC_SHA2_256),
                Transform.of(DhGroup.MODP_2048), Transform.of(DhGroup.ECP_256), Transform.of(DhGroup.MODP_1024)));

        assertThat(ProposalSelection.acceptableGroups(new SaPayload(List.of(p)), DEFAULTS, SUITE))
                .containsExactly(DhGroup.ECP_256, DhGroup.MODP_2048);
    }

    @Test
    void espCbcChoiceCarriesOurSpiAndThePeers() {
        Proposal esp = new Proposal(1, ProtocolId.ESP, PEER_ESP_SPI, List.of(Transform.of(EncrAlgorithm.ENCR_AES_CBC, 256),
                Transform.of(IntegAlgorithm.AUTH_HMAC_SHA2_256_128), Transform.of(EsnMode.NO_ESN)));
        var choice = ProposalSelection.selectEsp(new SaPayload(List.of(esp)),
                List.of(TransformSet.parse("TS", "esp-aes 256 esp-sha256-hmac")), 0x11223344);

        assertThat(choice).isPresent();
        assertThat(choice.get().peerSpi()).isEqualTo(0xc1a2b3d4);
        assertThat(choice.get().reply().spi()).isEqualTo(Bytes.ofHex("11223344"));
        assertThat(choice.get().cipher()).isEqualTo(new Cipher(EncrAlgorithm.ENCR_AES_CBC, 256));
        assertThat(choice.get().esn()).isFalse();
    }

    @Test
    void espTransformSetOrderDecidesAndAeadNeedsNoIntegrity() {
        Proposal gcm = new Proposal(1, ProtocolId.ESP, PEER_ESP_SPI, List.of(Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 128),
                Transform.of(EsnMode.NO_ESN)));
        List<TransformSet> sets = List.of(TransformSet.parse("CBC", "esp-aes 256 esp-sha256-hmac"),
                TransformSet.parse("GCM", "esp-gcm 128"));
        var choice = ProposalSelection.selectEsp(new SaPayload(List.of(gcm)), sets, 0x1000);

        assertThat(choice).map(c -> c.cipher().algorithm()).contains(EncrAlgorithm.ENCR_AES_GCM_16);
        assertThat(choice.get().reply().transforms(TransformType.INTEG)).isEmpty();
    }

    @Test
    void espOnlyEsnIsAcceptedAsEsn() {
        Proposal esp = new Proposal(1, ProtocolId.ESP, PEER_ESP_SPI, List.of(Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 128),
                Transform.of(EsnMode.ESN)));
        var choice = ProposalSelection.selectEsp(new SaPayload(List.of(esp)), List.of(TransformSet.parse("G", "esp-gcm 128")),
                0x1000);

        assertThat(choice).map(ProposalSelection.EspChoice::esn).contains(true);
    }

    @Test
    void espWithoutCommonTransformOrWithAShortSpiIsRefused() {
        Proposal sha1 = new Proposal(1, ProtocolId.ESP, PEER_ESP_SPI, List.of(Transform.of(EncrAlgorithm.ENCR_AES_CBC, 256),
                Transform.of(IntegAlgorithm.AUTH_HMAC_SHA1_96)));
        Proposal shortSpi = new Proposal(2, ProtocolId.ESP, Bytes.ofHex("c1a2"), List.of(
                Transform.of(EncrAlgorithm.ENCR_AES_CBC, 256), Transform.of(IntegAlgorithm.AUTH_HMAC_SHA2_256_128)));
        List<TransformSet> sets = List.of(TransformSet.parse("TS", "esp-aes 256 esp-sha256-hmac"));

        assertThat(ProposalSelection.selectEsp(new SaPayload(List.of(sha1, shortSpi)), sets, 0x1000)).isEmpty();
    }

    private static Proposal espWithGroups(DhGroup... groups) {
        List<Transform> t = new java.util.ArrayList<>(List.of(Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 128),
                Transform.of(EsnMode.NO_ESN)));
        for (DhGroup g : groups) {
            t.add(Transform.of(g));
        }
        return new Proposal(1, ProtocolId.ESP, PEER_ESP_SPI, t);
    }

    @Test
    void pfsFollowsTheKePayloadWhenItsGroupIsOffered() {
        assertThat(ProposalSelection.selectPfs(espWithGroups(DhGroup.MODP_2048, DhGroup.ECP_256),
                Optional.of(DhGroup.ECP_256), SUITE)).isEqualTo(new ProposalSelection.PfsChoice.Group(DhGroup.ECP_256));
    }

    @Test
    void noPfsWithoutKeTransformsOrWithNoneAndNoKePayload() {
        assertThat(ProposalSelection.selectPfs(espWithGroups(), Optional.empty(), SUITE))
                .isInstanceOf(ProposalSelection.PfsChoice.NoPfs.class);
        assertThat(ProposalSelection.selectPfs(espWithGroups(DhGroup.NONE), Optional.empty(), SUITE))
                .isInstanceOf(ProposalSelection.PfsChoice.NoPfs.class);
        assertThat(ProposalSelection.selectPfs(espWithGroups(DhGroup.ECP_256, DhGroup.NONE), Optional.empty(), SUITE))
                .isInstanceOf(ProposalSelection.PfsChoice.NoPfs.class);
    }

    @Test
    void pfsDemandedWithoutOrWithAnotherKeIsInvalidKeWithTheFirstOfferedGroup() {
        assertThat(ProposalSelection.selectPfs(espWithGroups(DhGroup.MODP_2048, DhGroup.ECP_256), Optional.empty(), SUITE))
                .isEqualTo(new ProposalSelection.PfsChoice.InvalidKe(DhGroup.MODP_2048));
        assertThat(ProposalSelection.selectPfs(espWithGroups(DhGroup.MODP_2048), Optional.of(DhGroup.ECP_384), SUITE))
                .isEqualTo(new ProposalSelection.PfsChoice.InvalidKe(DhGroup.MODP_2048));
    }

    @Test
    void pfsInGroupsWeCannotComputeIsUnsupported() {
        DhGroup unknown = DhGroup.valueOf(1234);

        assertThat(ProposalSelection.selectPfs(espWithGroups(unknown), Optional.of(unknown), SUITE))
                .isInstanceOf(ProposalSelection.PfsChoice.Unsupported.class);
    }
}
