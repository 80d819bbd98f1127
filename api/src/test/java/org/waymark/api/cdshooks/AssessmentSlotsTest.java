package org.waymark.api.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.waymark.api.http.ApiException;

class AssessmentSlotsTest {
    private static long pastDeadline() {
        return System.nanoTime() - 1;
    }

    private static long deadlineInAMinute() {
        return System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    }

    @Test
    void aCallWithNoSlotFreeByItsDeadlineIsRefusedWithA503AndTheNextGetsTheSlotOnceGivenBack() {
        AssessmentSlots slots = new AssessmentSlots(1);
        AssessmentSlots.Slot held = slots.take(Long.MAX_VALUE);

        ApiException refused = assertThrows(ApiException.class, () -> slots.take(pastDeadline()));
        assertEquals(503, refused.status());
        assertTrue(refused.getMessage().contains("no assessment slot came free"), refused.getMessage());

        held.close();
        try (AssessmentSlots.Slot next = slots.take(deadlineInAMinute())) {
            assertEquals(0, slots.free());
        }
        assertEquals(1, slots.free());
    }

    @Test
    void aCallWaitingOnAnotherServerLeavesItsSlotToOthersAndHoldsOneAgainAfter() {
        AssessmentSlots slots = new AssessmentSlots(1);
        try (AssessmentSlots.Slot fetching = slots.take(deadlineInAMinute())) {
            String fetched = fetching.releasedWhile(() -> {
                // Another call takes the only slot while this one waits (a deadline already past: no waiting for it).
                try (AssessmentSlots.Slot other = slots.take(pastDeadline())) {
                    assertEquals(0, slots.free());
                }
                return "bundle";
            });
            assertEquals("bundle", fetched);
            assertEquals(0, slots.free());
        }
        assertEquals(1, slots.free());
    }

    @Test
    void aSlotNotTakenAgainAfterTheWaitIsNotGivenBackTwice() {
        AssessmentSlots slots = new AssessmentSlots(1);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        AssessmentSlots.Slot fetching = slots.take(deadline);
        AssessmentSlots.Slot[] other = new AssessmentSlots.Slot[1];

        // The deadline passes while another call holds the only slot: the wait's answer is a 503.
        ApiException refused = assertThrows(ApiException.class, () -> fetching.releasedWhile(() -> {
            other[0] = slots.take(pastDeadline());
            while (System.nanoTime() - deadline <= 0) {
                Thread.onSpinWait();
            }
            return "bundle";
        }));
        assertEquals(503, refused.status());

        fetching.close();
        assertEquals(0, slots.free(), "the other call still holds the only slot");
        other[0].close();
        assertEquals(1, slots.free());
    }

    @Test
    void aFailedWaitOnAnotherServerGivesTheSlotBackOnce() {
        AssessmentSlots slots = new AssessmentSlots(2);
        AssessmentSlots.Slot fetching = slots.take(deadlineInAMinute());

        assertThrows(IllegalStateException.class, () -> fetching.releasedWhile(() -> {
            throw new IllegalStateException("the FHIR server broke off");
        }));
        fetching.close();

        assertEquals(2, slots.free());
    }

    @Test
    void thereIsAtLeastOneSlot() {
        assertThrows(IllegalArgumentException.class, () -> new AssessmentSlots(0));
    }
}
