package io.flexgate.eap.md5.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.CredentialStore;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.eap.md5.Md5Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Coverage-guided fuzzing of the EAP-MD5 authenticator (and {@link EapPacket#decode} in front of it): the input
 * is a series of responses, each a 16-bit length and the EAP packet as the peer would send it. The contract:
 * decoding is symmetric, every response yields a typed {@link EapStep}, no exception escapes, no stage
 * completes exceptionally, and a failure reason never repeats the password. The challenge comes from a
 * seeded random source, so the kept corpus (a real MD5-Challenge answer) replays to Success.
 */
class Md5AuthenticatorFuzzTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "Fuzz-Pa55";
    private static final int FIRST_ID = 1;
    private static final int MAX_ROUNDS = 4;
    /** A generous bound on one step: the store answers at once, so only a hang can reach it. */
    private static final long STEP_BOUND_SECONDS = 10;

    /** Hands out alice's reversibly stored password, as aaa-local does for a cleartext entry. */
    private static final CredentialStore STORE = new CredentialStore() {
        @Override
        public CompletionStage<CredentialLookup> cleartext(String username) {
            return CompletableFuture.completedFuture(USER.equals(username)
                    ? new CredentialLookup.Found(username, Secret.copyOf(PASSWORD.getBytes(StandardCharsets.UTF_8)))
                    : new CredentialLookup.NoSuchUser(username));
        }

        @Override
        public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
            throw new AssertionError("EAP-MD5 must not verify cleartext passwords");
        }

        @Override
        public CompletionStage<CredentialLookup> ntHash(String username) {
            throw new AssertionError("EAP-MD5 must not ask for NT hashes");
        }
    };

    private static final Md5Method METHOD = new Md5Method();

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(7);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "45m", maxExecutions = 10_000_000)
    void processResponses(byte[] input) throws Exception {
        try (EapAuthenticator server = METHOD.newAuthenticator(
                new EapServerContext(1, USER, STORE, seeded(), Map.of()))) {
            EapStep step = settle(server.start(FIRST_ID));
            ByteBuffer in = ByteBuffer.wrap(input);
            for (int round = 0; round < MAX_ROUNDS && step instanceof EapStep.Continue next
                    && in.remaining() >= 2; round++) {
                byte[] wire = new byte[Math.min(in.getShort() & 0xFFFF, in.remaining())];
                in.get(wire);
                Optional<EapPacket> decoded = EapPacket.decode(wire);
                decoded.ifPresent(p -> assertThat(p.encode()).isEqualTo(wire));
                if (decoded.isPresent() && decoded.get().code() == EapCode.RESPONSE) {
                    // The engine passes on only responses whose identifier matches the last request.
                    step = settle(server.process(EapPacket.response(next.request().identifier(),
                            decoded.get().type(), decoded.get().typeData())));
                }
            }
        }
    }

    private static EapStep settle(CompletionStage<EapStep> stage) throws Exception {
        EapStep step = stage.toCompletableFuture().get(STEP_BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(step).isNotNull();
        if (step instanceof EapStep.Failure f) {
            assertThat(f.reason()).doesNotContain(PASSWORD);
        }
        return step;
    }
}
