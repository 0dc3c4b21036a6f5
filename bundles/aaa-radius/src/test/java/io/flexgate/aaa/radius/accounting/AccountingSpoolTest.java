package io.flexgate.aaa.radius.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk spool: order, persistence across reopening, and damaged files. */
class AccountingSpoolTest {

    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    static List<RadiusAttribute> record(String sessionId) {
        return List.of(RadiusAttribute.integer(RadiusAttributeType.ACCT_STATUS_TYPE, 1),
                RadiusAttribute.text(RadiusAttributeType.ACCT_SESSION_ID, sessionId));
    }

    @Test
    void recordsComeBackInOrderAfterReopening(@TempDir Path dir) throws Exception {
        AccountingSpool spool = new AccountingSpool(dir);
        spool.append(T, record("a"));
        spool.append(T.plusSeconds(1), record("b"));
        spool.remove(spool.oldest().orElseThrow().sequence());
        spool.append(T.plusSeconds(2), record("c"));

        AccountingSpool reopened = new AccountingSpool(dir);
        assertThat(reopened.size()).isEqualTo(2);
        AccountingRecord first = reopened.oldest().orElseThrow();
        assertThat(first.attributes()).isEqualTo(record("b"));
        assertThat(first.created()).isEqualTo(T.plusSeconds(1));
        // a record written after reopening goes behind the old ones
        long seq = reopened.append(T.plusSeconds(3), record("d")).orElseThrow().sequence();
        assertThat(seq).isGreaterThan(first.sequence() + 1);
        reopened.remove(first.sequence());
        assertThat(reopened.oldest().orElseThrow().attributes()).isEqualTo(record("c"));
    }

    @Test
    void aDamagedFileIsSetAsideAndTheNextRecordDelivered(@TempDir Path dir) throws Exception {
        AccountingSpool spool = new AccountingSpool(dir);
        long bad = spool.append(T, record("a")).orElseThrow().sequence();
        spool.append(T, record("b"));
        Path file = dir.resolve(String.format("%020d.acct", bad));
        byte[] data = Files.readAllBytes(file);
        data[data.length / 2] ^= 1;
        Files.write(file, data);
        Files.writeString(dir.resolve("00000000000000000009.acct.tmp"), "half a write");

        AccountingSpool reopened = new AccountingSpool(dir);
        assertThat(reopened.oldest().orElseThrow().attributes()).isEqualTo(record("b"));
        assertThat(dir.resolve(file.getFileName() + ".bad")).exists();
        assertThat(dir.resolve("00000000000000000009.acct.tmp")).doesNotExist();
    }

    @Test
    void encodingIsSymmetricAndEveryTruncationIsRefused() {
        byte[] data = AccountingSpool.encode(T, record("abc"));
        assertThat(AccountingSpool.decode(7, data)).isEqualTo(new AccountingRecord(7, T, record("abc")));
        for (int n = 0; n < data.length; n++) {
            byte[] cut = Arrays.copyOf(data, n);
            assertThatThrownBy(() -> AccountingSpool.decode(7, cut)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
