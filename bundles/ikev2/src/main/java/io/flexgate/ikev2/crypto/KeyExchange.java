package io.flexgate.ikev2.crypto;

import io.flexgate.api.Secret;
import java.security.SecureRandom;

/**
 * A Diffie-Hellman group of the KE payload (RFC 7296 section 3.4). Thread-safe; each exchange uses its own
 * {@link Ephemeral}.
 */
public interface KeyExchange {

    DhGroup group();

    /** Octets of the Key Exchange Data of a KE payload in this group. */
    int publicValueLength();

    /** True for groups too weak to offer by default (MODP-1024, RFC 8247 section 2.4: SHOULD NOT). */
    boolean isLegacy();

    /** A fresh private value. */
    Ephemeral generate(SecureRandom random);

    /** One side's private value and public value for one exchange. Not thread-safe. */
    interface Ephemeral extends AutoCloseable {

        DhGroup group();

        /** The Key Exchange Data we send (a copy). */
        byte[] publicValue();

        /**
         * The shared secret g^ir with the peer's Key Exchange Data, after checking that value (RFC 7296
         * section 5 and RFC 6989: range for MODP, on the curve for ECP, not all-zero output for Curve25519).
         *
         * @throws KeyExchangeException when the peer's value is malformed or weak
         */
        Secret agree(byte[] peerPublicValue) throws KeyExchangeException;

        /** Wipes the private value. */
        @Override
        void close();
    }
}
