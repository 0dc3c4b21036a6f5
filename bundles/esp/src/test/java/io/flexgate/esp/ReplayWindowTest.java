package io.flexgate.esp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 4303 section 3.4.3 (anti-replay) and Appendix A (ESN inference). */
class ReplayWindowTest {

    /** Checks and, when fresh, accepts: what the inbound SA does for an authentic packet. */
    private static boolean receive(ReplayWindow w, long seq) {
        if (!w.isFresh(seq)) {
            return false;
        }
        w.accept(seq);
        return true;
    }

    @Test
    void duplicatesAreRejected() {
        ReplayWindow w = new ReplayWindow(1024, false);
        assertThat(receive(w, 1)).isTrue();
        assertThat(receive(w, 1)).isFalse();
        assertThat(receive(w, 2)).isTrue();
        assertThat(receive(w, 1)).isFalse();
    }

    @Test
    void outOfOrderInsideTheWindowIsAcceptedOnce() {
        ReplayWindow w = new ReplayWindow(64, false);
        assertThat(receive(w, 10)).isTrue();
        assertThat(receive(w, 7)).isTrue();
        assertThat(receive(w, 9)).isTrue();
        assertThat(receive(w, 7)).isFalse();
        assertThat(receive(w, 8)).isTrue();
        assertThat(w.highest()).isEqualTo(10);
    }

    @Test
    void packetsLeftOfTheWindowAreRejected() {
        ReplayWindow w = new ReplayWindow(1024, false);
        assertThat(receive(w, 2000)).isTrue();
        // 2000 - 1024 + 1 = 977 is the window's left edge.
        assertThat(receive(w, 976)).isFalse();
        assertThat(receive(w, 977)).isTrue();
        assertThat(receive(w, 1999)).isTrue();
    }

    @Test
    void aJumpClearsStaleBitsOfTheRing() {
        ReplayWindow w = new ReplayWindow(64, false);
        for (long s = 1; s <= 64; s++) {
            assertThat(receive(w, s)).isTrue();
        }
        // 65..100 share ring positions with 1..36 seen before; they must not read as duplicates.
        assertThat(receive(w, 100)).isTrue();
        assertThat(receive(w, 99)).isTrue();
        assertThat(receive(w, 70)).isTrue();
        // 40 was seen and is still inside the window; 36 is left of it.
        assertThat(receive(w, 40)).isFalse();
        assertThat(receive(w, 36)).isFalse();
        assertThat(receive(w, 65)).isTrue();
        assertThat(receive(w, 10_000)).isTrue();
        assertThat(receive(w, 9_999)).isTrue();
    }

    @Test
    void sequenceNumberZeroIsNeverFresh() {
        assertThat(new ReplayWindow(1024, false).isFresh(0)).isFalse();
        assertThat(new ReplayWindow(0, false).isFresh(0)).isFalse();
    }

    @Test
    void aZeroWindowDisablesReplayChecks() {
        ReplayWindow w = new ReplayWindow(0, false);
        assertThat(receive(w, 5)).isTrue();
        assertThat(receive(w, 5)).isTrue();
        assertThat(receive(w, 1)).isTrue();
    }

    @Test
    void withoutEsnTheHighHalfIsZero() {
        ReplayWindow w = new ReplayWindow(1024, false);
        w.accept(0xFFFF_FFF0L);
        assertThat(w.infer(5)).isEqualTo(5);
    }

    @Test
    void esnWrapMovesIntoTheNextSubspace() {
        // Appendix A2.2 case A: window inside one subspace; a low half below the window means the next one.
        ReplayWindow w = new ReplayWindow(1024, true);
        assertThat(receive(w, 0xFFFF_FFFEL)).isTrue();
        long next = w.infer(3);
        assertThat(next).isEqualTo(0x1_0000_0003L);
        assertThat(receive(w, next)).isTrue();
        // A late packet from before the wrap still maps to subspace 0 (case B: window spans both).
        assertThat(w.infer(0xFFFF_FFFF)).isEqualTo(0xFFFF_FFFFL);
        assertThat(receive(w, w.infer(0xFFFF_FFFF))).isTrue();
        assertThat(receive(w, w.infer(0xFFFF_FFFE))).isFalse();
        assertThat(receive(w, w.infer(3))).isFalse();
        assertThat(w.highest()).isEqualTo(0x1_0000_0003L);
    }

    @Test
    void esnInTheFirstSubspaceNeverGoesBelowZero() {
        ReplayWindow w = new ReplayWindow(1024, true);
        assertThat(receive(w, 5)).isTrue();
        // Far ahead in subspace 0, not "the previous subspace".
        assertThat(w.infer(0xFFFF_FFF0)).isEqualTo(0xFFFF_FFF0L);
    }

    @Test
    void esnPacketsFarLeftInTheCurrentSubspaceAreReplays() {
        ReplayWindow w = new ReplayWindow(1024, true);
        assertThat(receive(w, 0x2_0000_5000L)).isTrue();
        // Low half inside the window: same subspace.
        assertThat(w.infer(0x4F00)).isEqualTo(0x2_0000_4F00L);
        // Low half below the window: taken as the next subspace (its ICV will then decide).
        assertThat(w.infer(0x100)).isEqualTo(0x3_0000_0100L);
    }

    @Test
    void windowSizeIsBounded() {
        assertThatThrownBy(() -> new ReplayWindow(-1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayWindow(ReplayWindow.MAX_SIZE + 1, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
