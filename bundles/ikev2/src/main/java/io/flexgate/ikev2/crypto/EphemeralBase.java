package io.flexgate.ikev2.crypto;

import io.flexgate.api.Secret;
import java.util.Arrays;

/** What every group's ephemeral shares: the public value, the length check, and a wiped result buffer. */
abstract class EphemeralBase implements KeyExchange.Ephemeral {

    private final DhGroup group;
    private byte[] publicValue;
    private boolean closed;

    EphemeralBase(DhGroup group) {
        this.group = group;
    }

    /** Called once by the subclass constructor. */
    final void publicValue(byte[] value) {
        this.publicValue = value;
    }

    @Override
    public final DhGroup group() {
        return group;
    }

    @Override
    public final byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public final Secret agree(byte[] peerPublicValue) throws KeyExchangeException {
        if (closed) {
            throw new IllegalStateException("private value already wiped");
        }
        if (peerPublicValue.length != publicValue.length) {
            throw new KeyExchangeException(group.name() + " public value of " + peerPublicValue.length
                    + " octets, expected " + publicValue.length);
        }
        byte[] shared = sharedSecret(peerPublicValue);
        try {
            return Secret.copyOf(shared);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    /**
     * g^ir from a peer value of the right length, after the group's own checks; the caller wipes the result.
     */
    abstract byte[] sharedSecret(byte[] peerPublicValue) throws KeyExchangeException;

    /** Wipes or drops the private value. */
    abstract void wipePrivate();

    @Override
    public final void close() {
        closed = true;
        wipePrivate();
    }
}
