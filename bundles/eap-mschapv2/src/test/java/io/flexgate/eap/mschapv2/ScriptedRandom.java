package io.flexgate.eap.mschapv2;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Randomness that replays given values (one per nextBytes call), then counts 0, 1, 2, ... */
final class ScriptedRandom extends SecureRandom {

    private final Deque<byte[]> script;
    private int next;

    ScriptedRandom(byte[]... values) {
        script = new ArrayDeque<>(List.of(values));
    }

    @Override
    public void nextBytes(byte[] bytes) {
        byte[] value = script.poll();
        if (value != null) {
            System.arraycopy(value, 0, bytes, 0, bytes.length);
            return;
        }
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) next++;
        }
    }
}
