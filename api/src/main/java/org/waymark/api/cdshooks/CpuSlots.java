package org.waymark.api.cdshooks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.waymark.api.http.ApiException;

/**
 * Lets at most as many calls parse or assess at once as there are slots. Request threads far outnumber the cores
 * (they wait on store commits and slow clients), and a parse or an assessment is pure CPU over a working set of
 * about a megabyte: run sixteen at once on two cores and the scheduler switches between them mid-way, each time
 * refilling the caches. Nothing waits for a slot holding another: no network or store work runs inside one.
 */
final class CpuSlots {
    private final Semaphore slots;

    CpuSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1: " + slots);
        }
        this.slots = new Semaphore(slots);
    }

    /** One slot per processor. */
    static CpuSlots perProcessor() {
        return new CpuSlots(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code work} in a slot; a call whose deadline ({@link System#nanoTime} value, {@code Long.MAX_VALUE}
     * for none) passes while it waits for one gets the evaluation deadline's 503 without running.
     */
    <T> T run(long deadlineNanos, Supplier<T> work) {
        acquire(deadlineNanos);
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    private void acquire(long deadlineNanos) {
        try {
            if (deadlineNanos == Long.MAX_VALUE) {
                slots.acquire();
            } else if (!slots.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw HookInvocation.pastDeadline();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HookInvocation.pastDeadline();
        }
    }
}
