package io.flexgate.eap.anyconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.ike.IkeExtension.VendorId;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vendor IDs of anchors.md section 2.2, byte for byte. */
class CiscoVendorIdTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void valuesAreThoseOfTheTable() {
        assertThat(HEX.formatHex(CiscoVendorId.COPYRIGHT.value())).isEqualTo("434953434f28434f505952494748542926436f707"
                + "9726967687420286329203230303920436973636f2053797374656d732c20496e632e");
        assertThat(HEX.formatHex(CiscoVendorId.ANYCONNECT_EAP.value())).isEqualTo("434953434f2d414e59434f4e4e4543542d454150");
        assertThat(HEX.formatHex(CiscoVendorId.GRE_MODE.value())).isEqualTo("434953434f2d4752452d4d4f4445");
        assertThat(HEX.formatHex(CiscoVendorId.DELETE_REASON.value())).isEqualTo("434953434f2d44454c4554452d524541534f4e");
        assertThat(HEX.formatHex(CiscoVendorId.FLEXVPN_SUPPORTED.value())).isEqualTo("464c455856504e2d535550504f52544544");
    }

    @Test
    void fragmentationIsMd5OfItsName() throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest("FRAGMENTATION".getBytes(StandardCharsets.US_ASCII));

        assertThat(CiscoVendorId.FRAGMENTATION.value()).isEqualTo(md5);
        assertThat(HEX.formatHex(md5)).isEqualTo("4048b7d56ebce88525e7de7f00d6c2d3");
    }

    @Test
    void greModeIsMatchedAsAPrefixAndOthersExactly() {
        CiscoAnyConnectExtension extension = extension("COPYRIGHT");

        assertThat(extension.describePeerVendorId("CISCO-GRE-MODE-2".getBytes(StandardCharsets.US_ASCII)))
                .contains("CISCO-GRE-MODE");
        assertThat(extension.describePeerVendorId("CISCO-ANYCONNECT-EAP".getBytes(StandardCharsets.US_ASCII)))
                .contains("CISCO-ANYCONNECT-EAP");
        assertThat(extension.describePeerVendorId("CISCO-ANYCONNECT-EAPX".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(extension.describePeerVendorId(new byte[16])).isEmpty();
    }

    @Test
    void defaultAnnouncementIsTheSeedHeadendsSetWithoutFragmentation() {
        CiscoAnyConnectExtension extension = extension("COPYRIGHT", "GRE_MODE", "ANYCONNECT_EAP");

        assertThat(extension.vendorIds()).extracting(VendorId::description)
                .containsExactly("Cisco Copyright", "CISCO-GRE-MODE", "CISCO-ANYCONNECT-EAP");
        assertThat(extension.name()).isEqualTo("cisco-anyconnect");
        assertThat(extension.configReplyAttributes(null, List.of(1, 28672))).isEmpty();
    }

    @Test
    void unknownNamesAreSkippedAndCaseIgnored() {
        assertThat(extension("fragmentation", "NO-SUCH").vendorIds()).singleElement()
                .satisfies(v -> assertThat(v.value()).isEqualTo(CiscoVendorId.FRAGMENTATION.value()));
    }

    private static CiscoAnyConnectExtension extension(String... announce) {
        return new CiscoAnyConnectExtension(new CiscoAnyConnectExtensionConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CiscoAnyConnectExtensionConfig.class;
            }

            @Override
            public String[] announce() {
                return announce;
            }
        });
    }
}
