package io.flexgate.eap.md5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** EAP-MD5 type-data framing (RFC 3748 section 5.4, RFC 1994 section 4.1). */
class Md5DataTest {

    private static final HexFormat HEX = HexFormat.of();
    /** Value-Size 4, value 01020304, name "alice". */
    private static final byte[] GOOD = HEX.parseHex("0401020304616c696365");

    @Test
    void decodesAndEncodesSymmetrically() {
        Md5Data data = Md5Data.decode(GOOD).orElseThrow();
        assertThat(data.value()).containsExactly(1, 2, 3, 4);
        assertThat(data.nameText()).isEqualTo("alice");
        assertThat(data.encode()).isEqualTo(GOOD);
        assertThat(Md5Data.withName(HEX.parseHex("01020304"), "alice")).isEqualTo(data);
    }

    @Test
    void emptyNameIsAllowed() {
        byte[] noName = HEX.parseHex("0401020304");
        assertThat(Md5Data.decode(noName).orElseThrow().name()).isEmpty();
    }

    @Test
    void rejectsValueSizeZero() {
        byte[] bad = GOOD.clone();
        bad[0] = 0;
        assertThat(Md5Data.decode(bad)).isEmpty();
    }

    @Test
    void rejectsValueSizePastTheEnd() {
        byte[] bad = GOOD.clone();
        bad[0] = (byte) (GOOD.length);
        assertThat(Md5Data.decode(bad)).isEmpty();
        assertThat(Md5Data.decode(new byte[0])).isEmpty();
    }

    @Test
    void refusesValuesThatDoNotFitValueSize() {
        assertThatThrownBy(() -> new Md5Data(new byte[256], new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Md5Data(new byte[0], new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesArraysInAndOut() {
        byte[] value = {1, 2, 3};
        Md5Data data = new Md5Data(value, new byte[0]);
        value[0] = 9;
        data.value()[1] = 9;
        assertThat(data.value()).containsExactly(1, 2, 3);
    }

    @Test
    void toStringShowsNoValue() {
        Md5Data data = Md5Data.withName(HEX.parseHex("a2b6861b770b1c8f0c726ebaf55cc898"), "alice");
        assertThat(data.toString()).doesNotContainIgnoringCase("a2b6").contains("16 octets").contains("alice");
    }
}
