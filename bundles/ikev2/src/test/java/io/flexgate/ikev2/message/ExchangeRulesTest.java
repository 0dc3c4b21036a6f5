package io.flexgate.ikev2.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-exchange payload rules (RFC 7296 sections 1.2 to 1.5) applied on decode. */
class ExchangeRulesTest {

    private static final GcmTestCipher KEYS = new GcmTestCipher(TestMessages.filled(20, 99).toByteArray());

    private static DecodeResult roundTrip(IkeMessage m) {
        return IkeMessageCodec.decode(IkeMessageCodec.encode(m, m.encrypted() ? KEYS : null), KEYS, null);
    }

    private static IkeHeader header(ExchangeType exchange, boolean response, long id) {
        return IkeHeader.of(TestMessages.SPI_I, TestMessages.SPI_R, exchange, true, response, id);
    }

    @Test
    void ikeAuthInTheClearIsRejected() {
        IkeMessage plain = new IkeMessage(TestMessages.authRequest().header(), false, TestMessages.authRequest().payloads());

        DecodeResult r = roundTrip(plain);

        assertThat(r).isInstanceOf(DecodeResult.UnprotectedError.class);
        assertThat(((DecodeResult.UnprotectedError) r).error()).hasMessageContaining("must be encrypted");
    }

    @Test
    void ikeSaInitInsideSkIsRejected() {
        IkeMessage sealed = new IkeMessage(TestMessages.saInitRequest().header(), true, TestMessages.saInitRequest().payloads());

        assertThat(roundTrip(sealed)).isInstanceOf(DecodeResult.ProtectedError.class);
    }

    /** RFC 7296 section 2.6: the cookie response carries the COOKIE notification alone. */
    @Test
    void ikeSaInitResponseWithOnlyACookieIsValid() {
        IkeMessage cookie = new IkeMessage(IkeHeader.of(TestMessages.SPI_I, 0, ExchangeType.IKE_SA_INIT, false, true, 0),
                false, List.of(NotifyPayload.of(NotifyType.COOKIE, TestMessages.filled(16, 1))));

        assertThat(roundTrip(cookie)).isInstanceOf(DecodeResult.Ok.class);
        assertThat(cookie.summary()).isEqualTo("IKE_SA_INIT response 0 [ N(COOKIE) ]");
    }

    @Test
    void ikeSaInitRequestWithoutNonceIsRejected() {
        List<IkePayload> payloads = new ArrayList<>(TestMessages.saInitRequest().payloads());
        payloads.remove(2);

        DecodeResult r = roundTrip(new IkeMessage(TestMessages.saInitRequest().header(), false, payloads));

        assertThat(r).isInstanceOf(DecodeResult.UnprotectedError.class);
        assertThat(((DecodeResult.UnprotectedError) r).error()).hasMessageContaining("lacks Nonce");
    }

    @Test
    void payloadNotAllowedInTheExchangeIsAProtectedErrorOnceSkVerified() {
        IkeMessage withDelete = new IkeMessage(header(ExchangeType.CREATE_CHILD_SA, false, 2), true, List.of(
                TestMessages.espSa(), new NoncePayload(TestMessages.filled(32, 1)), DeletePayload.ikeSa()));

        DecodeResult r = roundTrip(withDelete);

        assertThat(r).isInstanceOf(DecodeResult.ProtectedError.class);
        assertThat(((DecodeResult.ProtectedError) r).error().notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX);
        assertThat(((DecodeResult.ProtectedError) r).error()).hasMessageContaining("Delete not allowed");
    }

    @Test
    void tooManyNotificationsAreRejected() {
        List<IkePayload> many = new ArrayList<>();
        for (int i = 0; i <= ExchangeRules.MAX_NOTIFY; i++) {
            many.add(NotifyPayload.of(NotifyType.valueOf(40_000 + i)));
        }
        assertThat(roundTrip(new IkeMessage(header(ExchangeType.INFORMATIONAL, false, 3), true, many)))
                .isInstanceOf(DecodeResult.ProtectedError.class);
    }

    @Test
    void createChildSaErrorResponseMayCarryOnlyTheNotification() {
        IkeMessage noProposal = new IkeMessage(header(ExchangeType.CREATE_CHILD_SA, true, 2), true,
                List.of(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN)));

        assertThat(roundTrip(noProposal)).isInstanceOf(DecodeResult.Ok.class);
    }

    /** RFC 7296 section 1.5: e.g. INVALID_IKE_SPI sent outside any IKE SA. */
    @Test
    void unprotectedInformationalNotificationDecodesAsUnencrypted() {
        IkeMessage m = new IkeMessage(header(ExchangeType.INFORMATIONAL, false, 0), false,
                List.of(NotifyPayload.of(NotifyType.INVALID_IKE_SPI)));

        DecodeResult r = roundTrip(m);

        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        assertThat(((DecodeResult.Ok) r).message().encrypted()).isFalse();
    }

    @Test
    void emptyInformationalIsALivenessCheck() {
        IkeMessage dpd = new IkeMessage(header(ExchangeType.INFORMATIONAL, true, 6), true, List.of());

        assertThat(roundTrip(dpd)).isInstanceOf(DecodeResult.Ok.class);
        assertThat(dpd.summary()).isEqualTo("INFORMATIONAL response 6 [ ]");
    }

    @Test
    void exchangeWithoutRulesIsRejected() {
        IkeMessage m = new IkeMessage(header(ExchangeType.IKE_INTERMEDIATE, false, 1), true, List.of());

        assertThat(roundTrip(m)).isInstanceOf(DecodeResult.ProtectedError.class);
        assertThat(ExchangeRules.of(ExchangeType.IKE_INTERMEDIATE, false)).isEmpty();
    }
}
