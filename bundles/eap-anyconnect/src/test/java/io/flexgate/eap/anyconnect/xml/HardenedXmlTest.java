package io.flexgate.eap.anyconnect.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HardenedXmlTest {

    private static final HardenedXml.Limits LIMITS = new HardenedXml.Limits(1024, 4, 10, 100);

    private static XmlElement parse(String xml) throws XmlFormatException {
        return HardenedXml.parse(xml.getBytes(StandardCharsets.UTF_8), LIMITS);
    }

    @Test
    void treeKeepsNamesAttributesTextAndPlaces() throws Exception {
        XmlElement root = parse("<a x=\"1\">\n  <b>t&amp;u</b><b/>\n</a>");

        assertThat(root.name()).isEqualTo("a");
        assertThat(root.attribute("x")).contains("1");
        assertThat(root.children("b")).hasSize(2);
        assertThat(root.childText("b")).contains("t&u");
        assertThat(root.child("b").orElseThrow().line()).isEqualTo(2);
    }

    @Test
    void externalEntityIsNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>\n<a>&e;</a>";

        assertThatThrownBy(() -> parse(xxe)).isInstanceOfSatisfying(XmlFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.problem()).contains("DOCTYPE is disallowed");
        });
    }

    @Test
    void parameterEntityAndExternalDtdAreRefused() {
        assertThatThrownBy(() -> parse("<!DOCTYPE a [<!ENTITY % p SYSTEM \"http://192.0.2.1/p\"> %p;]><a/>"))
                .hasMessageContaining("DOCTYPE is disallowed");
        assertThatThrownBy(() -> parse("<!DOCTYPE a SYSTEM \"http://192.0.2.1/a.dtd\"><a/>"))
                .hasMessageContaining("DOCTYPE is disallowed");
    }

    @Test
    void xincludeIsJustAnElement() throws Exception {
        XmlElement root = parse("<a xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"/etc/passwd\"/></a>");

        assertThat(root.child("include")).get().extracting(XmlElement::text).isEqualTo("");
    }

    @Test
    void limitsAreEnforcedWithThePlace() {
        assertThatThrownBy(() -> parse("<a><b><c><d><e/></d></c></b></a>"))
                .hasMessage("line 1, column 17: elements nested deeper than 4 levels");
        assertThatThrownBy(() -> parse("<a>" + "<b/>".repeat(10) + "</a>")).hasMessageContaining("more than 10 elements");
        assertThatThrownBy(() -> parse("<a>" + "x".repeat(101) + "</a>")).hasMessageContaining("more than 100 characters");
        assertThatThrownBy(() -> parse("<a>" + "x".repeat(1100) + "</a>"))
                .hasMessage("document of 1107 bytes exceeds the limit of 1024 bytes");
    }

    @Test
    void writerEscapesWhatItWrites() throws Exception {
        byte[] doc = new XmlWriter().start("a").attribute("q", "\"<&>'").text("</a><b>&").end().toBytes();

        XmlElement back = HardenedXml.parse(doc, LIMITS);

        assertThat(back.attribute("q")).contains("\"<&>'");
        assertThat(back.text()).isEqualTo("</a><b>&");
        assertThat(back.children()).isEmpty();
    }

    @Test
    void writerRefusesCharactersOutsideXml() {
        assertThatThrownBy(() -> XmlWriter.requireXmlChars("a\uD800b")).hasMessageContaining("U+D800 at index 1");
        assertThatThrownBy(() -> XmlWriter.requireXmlChars("\uFFFE")).isInstanceOf(IllegalArgumentException.class);
        XmlWriter.requireXmlChars("tab\tnew\nline \uD83D\uDE00 \u00e9");
    }
}
