package io.flexgate.eap.anyconnect.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.anyconnect.AnyConnectProfiles.Problem;
import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProfileValidatorTest {

    private static final Path FILE = Path.of("/etc/flexgate/acvpn.xml");

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ProfileValidatorTest.class.getResourceAsStream("/profiles/" + name)) {
            return in.readAllBytes();
        }
    }

    private static ProfileStatus validate(String xml) {
        return ProfileValidator.validate("acvpn", FILE, xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sample profile of the seed guide (step 6), typed in from the guide: its root start tag lacks
     * '>' and it has an element name with a space, {@code <RSA SecurIDIntegration ...>}.
     */
    @Test
    void seedSampleIsRejectedAtBothOfItsDefects() throws IOException {
        ProfileStatus status = ProfileValidator.validate("acvpn", FILE, resource("seed-sample-acvpn.xml"));

        assertThat(status).isInstanceOfSatisfying(ProfileStatus.Invalid.class, invalid -> {
            assertThat(invalid.name()).isEqualTo("acvpn");
            assertThat(invalid.problems()).extracting(Problem::line, Problem::column).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(2, 1), org.assertj.core.groups.Tuple.tuple(3, 3),
                    org.assertj.core.groups.Tuple.tuple(23, 6), org.assertj.core.groups.Tuple.tuple(23, 65));
            assertThat(invalid.problems().get(0).toString()).isEqualTo(
                    "line 2, column 1: start tag <AnyConnectProfile is not closed with '>' before line 3, column 3");
            assertThat(invalid.problems().get(1).message()).isEqualTo("XML parser: Element type \"AnyConnectProfile\" "
                    + "must be followed by either attribute specifications, \">\" or \"/>\".");
            assertThat(invalid.problems().get(2).message()).startsWith("'SecurIDIntegration' in start tag <RSA has no")
                    .contains("an element name cannot contain a space");
            assertThat(invalid.problems().get(3).message()).contains("end tag </RSA>");
        });
    }

    @Test
    void shippedSeedProfileIsValidAndNamesItsHost() throws IOException {
        byte[] shipped = Files.readAllBytes(Path.of("../../etc/anyconnect/acvpn.xml"));

        ProfileStatus status = ProfileValidator.validate("acvpn", FILE, shipped);

        assertThat(status).isInstanceOfSatisfying(ProfileStatus.Loaded.class, loaded -> {
            assertThat(loaded.hosts()).containsExactly("VPN IOS-XE (vpn.example.com)");
            assertThat(loaded.warnings()).isEmpty();
            assertThat(loaded.size()).isEqualTo(shipped.length);
            assertThat(loaded.sha1Hex()).hasSize(40).matches("[0-9A-F]+");
        });
        assertThat(shipped).isEqualTo(resource("acvpn.xml"));
    }

    /** FIPS 180-2 appendix A.1: SHA-1("abc"); the manifest carries it in upper case (anchors.md 2.5). */
    @Test
    void sha1IsUpperCaseHex() {
        assertThat(ProfileValidator.sha1Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("A9993E364706816ABA3E25717850C26C9CD0D89D");
    }

    @Test
    void otherRootElementIsRejectedAtTheRoot() {
        ProfileStatus status = validate("<?xml version=\"1.0\"?>\n<AnyConnectLocalPolicy>\n</AnyConnectLocalPolicy>");

        assertThat(status).isInstanceOfSatisfying(ProfileStatus.Invalid.class,
                i -> assertThat(i.problems()).singleElement().hasToString(
                        "line 2, column 24: root element is <AnyConnectLocalPolicy>, an AnyConnect profile's is <AnyConnectProfile>"));
    }

    @Test
    void profileWithoutServersOrWithTlsFirstIsLoadedWithWarnings() {
        assertThat(validate("<AnyConnectProfile/>")).isInstanceOfSatisfying(ProfileStatus.Loaded.class,
                l -> assertThat(l.warnings()).singleElement().extracting(Problem::message).asString()
                        .startsWith("no ServerList/HostEntry"));
        String tls = "<AnyConnectProfile><ServerList><HostEntry><HostName>gw</HostName>"
                + "<PrimaryProtocol>SSL</PrimaryProtocol></HostEntry></ServerList></AnyConnectProfile>";
        assertThat(validate(tls)).isInstanceOfSatisfying(ProfileStatus.Loaded.class,
                l -> assertThat(l.warnings()).singleElement().extracting(Problem::message).asString()
                        .contains("PrimaryProtocol is 'SSL', not IPsec"));
    }

    @Test
    void doctypeInAProfileIsRejected() {
        ProfileStatus status = validate("<?xml version=\"1.0\"?>\n<!DOCTYPE AnyConnectProfile SYSTEM "
                + "\"http://192.0.2.1/x.dtd\">\n<AnyConnectProfile/>");

        assertThat(status).isInstanceOfSatisfying(ProfileStatus.Invalid.class,
                i -> assertThat(i.problems()).first().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.message()).contains("DOCTYPE is disallowed");
                }));
    }

    @Test
    void oversizedProfileIsRejectedWithoutParsing() {
        byte[] big = new byte[ProfileValidator.MAX_PROFILE_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');

        ProfileStatus status = ProfileValidator.validate("big", FILE, big);

        assertThat(status).isInstanceOfSatisfying(ProfileStatus.Invalid.class,
                i -> assertThat(i.problems()).singleElement().hasToString(
                        "document of 524289 bytes exceeds the limit of 524288 bytes"));
    }

    @Test
    void unquotedAttributeAndStrayLessThanAreNamed() {
        String xml = "<AnyConnectProfile>\n  <A x=1>t</A>\n  <B>1 < 2</B>\n</AnyConnectProfile>";

        ProfileStatus status = validate(xml);

        assertThat(status).isInstanceOfSatisfying(ProfileStatus.Invalid.class, i -> assertThat(i.problems())
                .extracting(Problem::toString).contains(
                        "line 2, column 8: value of attribute x of <A> is not quoted",
                        "line 3, column 8: '<' not followed by an element name (write &lt; for a literal '<')"));
    }
}
