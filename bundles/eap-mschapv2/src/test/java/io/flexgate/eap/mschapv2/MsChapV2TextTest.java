package io.flexgate.eap.mschapv2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Success and Failure texts of RFC 2759 sections 5 and 6. */
class MsChapV2TextTest {

    private static final byte[] CHALLENGE = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void failureTextIsWhatWindowsExpects() {
        assertThat(MsChapV2Text.failure(691, false, CHALLENGE, "Authentication failed"))
                .isEqualTo("E=691 R=0 C=000102030405060708090A0B0C0D0E0F V=3 M=Authentication failed");
    }

    @Test
    void failureTextParsesBack() {
        MsChapV2Text.Failure failure = MsChapV2Text.parseFailure(
                MsChapV2Text.failure(691, true, CHALLENGE, "try again, please")).orElseThrow();
        assertThat(failure.error()).isEqualTo(691);
        assertThat(failure.retryAllowed()).isTrue();
        assertThat(failure.challenge()).contains(CHALLENGE);
        assertThat(failure.version()).isEqualTo(3);
        assertThat(failure.message()).isEqualTo("try again, please");
    }

    /** strongSwan's own failure text (eap_mschapv2.c FAILURE_MESSAGE) has no V= and no M=. */
    @Test
    void strongSwanFailureTextParses() {
        MsChapV2Text.Failure failure = MsChapV2Text.parseFailure("E=691 R=1 C=000102030405060708090A0B0C0D0E0F")
                .orElseThrow();
        assertThat(failure.retryAllowed()).isTrue();
        assertThat(failure.version()).isZero();
        assertThat(failure.message()).isEmpty();
    }

    @Test
    void passwordExpiredWithoutChallengeParses() {
        MsChapV2Text.Failure failure = MsChapV2Text.parseFailure("E=648 R=0 V=3").orElseThrow();
        assertThat(failure.error()).isEqualTo(648);
        assertThat(failure.challenge()).isEmpty();
        assertThat(MsChapV2Text.meaning(failure.error())).isEqualTo("password expired");
        assertThat(MsChapV2Text.meaning(691)).isEqualTo("authentication failure");
        assertThat(MsChapV2Text.meaning(1)).isEqualTo("error 1");
    }

    @Test
    void malformedFailureTextsAreRejected() {
        assertThat(MsChapV2Text.parseFailure("R=0 V=3")).as("no E=").isEmpty();
        assertThat(MsChapV2Text.parseFailure("E=691 C=0001")).as("short challenge").isEmpty();
        assertThat(MsChapV2Text.parseFailure("E=691 C=zz0102030405060708090A0B0C0D0E0F")).as("not hex").isEmpty();
        assertThat(MsChapV2Text.parseFailure("E=6x1")).as("not a number").isEmpty();
        assertThat(MsChapV2Text.parseFailure("E=691 X=1")).as("unknown field").isEmpty();
        assertThat(MsChapV2Text.parseFailure("E=99999999999")).as("too large").isEmpty();
    }

    @Test
    void successTextCarriesTheAuthenticatorResponse() {
        byte[] authenticator = HexFormat.of().parseHex("5777DAC8F1874CD3DDDB276416903FE550EA41B8");
        String text = MsChapV2Text.success(authenticator, "Welcome");
        assertThat(text).isEqualTo("S=5777DAC8F1874CD3DDDB276416903FE550EA41B8 M=Welcome");
        assertThat(MsChapV2Text.authenticatorResponse(text)).contains(authenticator);
        assertThat(MsChapV2Text.authenticatorResponse("S=5777DAC8F1874CD3DDDB276416903FE550EA41B8"))
                .contains(authenticator);
    }

    @Test
    void malformedSuccessTextsAreRejected() {
        assertThat(MsChapV2Text.authenticatorResponse("M=Welcome")).isEmpty();
        assertThat(MsChapV2Text.authenticatorResponse("S=5777DAC8")).isEmpty();
        assertThat(MsChapV2Text.authenticatorResponse("S=5777DAC8F1874CD3DDDB276416903FE550EA41B8FF")).isEmpty();
        assertThat(MsChapV2Text.authenticatorResponse("S=ZZ77DAC8F1874CD3DDDB276416903FE550EA41B8")).isEmpty();
    }
}
