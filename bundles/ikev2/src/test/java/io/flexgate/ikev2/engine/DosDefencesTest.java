package io.flexgate.ikev2.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** RFC 7296 section 2.6 cookies and the half-open limits. */
class DosDefencesTest {

    private static final byte[] NI = "nonce-of-the-initiator-0123456789".getBytes();

    /** A clock the test moves by hand. */
    private static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void cookieVerifiesOnlyForTheSameNonceAddressAndSpi() throws Exception {
        StepClock clock = new StepClock();
        Cookies cookies = new Cookies(clock, deterministic());
        InetAddress peer = InetAddress.getByName("198.18.0.2");
        byte[] cookie = cookies.make(NI, peer, 0x1122334455667788L);

        assertThat(cookie).hasSize(Cookies.COOKIE_LENGTH);
        assertThat(cookies.verify(cookie, NI, peer, 0x1122334455667788L)).isTrue();
        assertThat(cookies.verify(cookie, NI, InetAddress.getByName("198.18.0.3"), 0x1122334455667788L)).isFalse();
        assertThat(cookies.verify(cookie, NI, peer, 0x1122334455667789L)).isFalse();
        assertThat(cookies.verify(cookie, "another-nonce".getBytes(), peer, 0x1122334455667788L)).isFalse();
        byte[] flipped = cookie.clone();
        flipped[10] ^= 1;
        assertThat(cookies.verify(flipped, NI, peer, 0x1122334455667788L)).isFalse();
        assertThat(cookies.verify(new byte[5], NI, peer, 0x1122334455667788L)).isFalse();
    }

    @Test
    void cookieSurvivesOneRotationButNotTwo() throws Exception {
        StepClock clock = new StepClock();
        Cookies cookies = new Cookies(clock, deterministic());
        InetAddress peer = InetAddress.getByName("198.18.0.2");
        byte[] cookie = cookies.make(NI, peer, 1);
        clock.advance(Cookies.ROTATION);
        assertThat(cookies.verify(cookie, NI, peer, 1)).isTrue();
        clock.advance(Cookies.ROTATION);
        assertThat(cookies.verify(cookie, NI, peer, 1)).isFalse();
    }

    @Test
    void halfOpenLimitsAskForCookiesThenRefuse() throws Exception {
        HalfOpenLimiter limiter = new HalfOpenLimiter(2, 2, 3);
        InetAddress a = InetAddress.getByName("198.18.0.2");
        InetAddress b = InetAddress.getByName("198.18.0.3");

        assertThat(limiter.admit(a, false)).isEqualTo(HalfOpenLimiter.Admission.ACCEPT);
        assertThat(limiter.admit(b, false)).isEqualTo(HalfOpenLimiter.Admission.ACCEPT);
        // Above the threshold: a cookie is needed.
        assertThat(limiter.admit(b, false)).isEqualTo(HalfOpenLimiter.Admission.REQUIRE_COOKIE);
        assertThat(limiter.admit(b, true)).isEqualTo(HalfOpenLimiter.Admission.ACCEPT);
        // b holds two: its own limit refuses it even with a cookie; the hard limit refuses everyone.
        assertThat(limiter.admit(b, true)).isEqualTo(HalfOpenLimiter.Admission.REFUSE);
        assertThat(limiter.admit(InetAddress.getByName("198.18.0.9"), true))
                .isEqualTo(HalfOpenLimiter.Admission.REFUSE);
        assertThat(limiter.halfOpen()).isEqualTo(3);

        limiter.release(b);
        limiter.release(b);
        limiter.release(b); // one too many: harmless
        assertThat(limiter.halfOpen()).isEqualTo(1);
        assertThat(limiter.admit(b, false)).isEqualTo(HalfOpenLimiter.Admission.ACCEPT);
    }

    @Test
    void virtualAccessTakesTheLowestFreeNumber() {
        VirtualAccessNumbers numbers = new VirtualAccessNumbers();
        assertThat(numbers.take()).isEqualTo(1);
        assertThat(numbers.take()).isEqualTo(2);
        assertThat(numbers.take()).isEqualTo(3);
        numbers.release(2);
        assertThat(numbers.take()).isEqualTo(2);
        assertThat(VirtualAccessNumbers.name(2)).isEqualTo("Virtual-Access2");
    }

    private static SecureRandom deterministic() throws Exception {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(42);
        return r;
    }
}
