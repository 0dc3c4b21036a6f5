package io.flexgate.eap.md5;

import java.security.SecureRandom;

/** Deterministic randomness for replayable conversations: 0, 1, 2, ... */
final class CountingRandom extends SecureRandom {

    private int next;

    @Override
    public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) next++;
        }
    }
}
