package org.waymark.api.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.waymark.api.http.ApiException;

class CpuSlotsTest {
    /** A deadline already passed: the call may take only a slot that is free now. */
    private static final long PASSED = Long.MIN_VALUE / 2;

    @Test
    void aCallFindingEverySlotTakenPastItsDeadlineIsRefusedWithoutRunning() throws Exception {
        CpuSlots slots = new CpuSlots(2);
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch leave = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> slots.run(Long.MAX_VALUE, () -> hold(inside, leave)));
            Future<?> b = pool.submit(() -> slots.run(Long.MAX_VALUE, () -> hold(inside, leave)));
            inside.await();
            AtomicBoolean ran = new AtomicBoolean();
            ApiException refused = assertThrows(ApiException.class, () -> slots.run(PASSED, () -> ran.getAndSet(true)));
            assertEquals(503, refused.status());
            assertFalse(ran.get());
            leave.countDown();
            a.get();
            b.get();
            // Both slots given back: the same late call now finds one free.
            assertTrue(slots.run(PASSED, () -> true));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSlotIsGivenBackWhenTheWorkFails() {
        CpuSlots slots = new CpuSlots(1);
        assertThrows(IllegalStateException.class, () -> slots.run(Long.MAX_VALUE, () -> {
            throw new IllegalStateException("bad record");
        }));
        assertEquals("ran", slots.run(PASSED, () -> "ran"));
    }

    @Test
    void aWaitingCallThatIsInterruptedIsRefusedAndKeepsItsInterrupt() throws Exception {
        CpuSlots slots = new CpuSlots(1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Thread holder = new Thread(() -> slots.run(Long.MAX_VALUE, () -> hold(inside, leave)));
        holder.start();
        inside.await();
        Thread.currentThread().interrupt();
        try {
            ApiException refused = assertThrows(ApiException.class, () -> slots.run(System.nanoTime() + 60_000_000_000L, () -> true));
            assertEquals(503, refused.status());
            assertTrue(Thread.interrupted());
        } finally {
            leave.countDown();
            holder.join();
        }
    }

    @Test
    void noSlotsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CpuSlots(0));
    }

    private static boolean hold(CountDownLatch inside, CountDownLatch leave) {
        inside.countDown();
        try {
            leave.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
