package org.waymark.api.cdshooks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.waymark.api.http.ApiException;

/**
 * How many service calls read and assess at once; the rest wait their turn, first come first served, within their
 * deadline. Reading and assessing a record is all CPU, so more calls at once than a few per core only share the cores
 * more finely: with sixteen calls at once on two cores the JIT's compiler got so little CPU that a new server took
 * about five minutes of load to reach full speed, against about two with four slots, and ran no faster after
 * (docs/performance.md, twelfth session). A call gives its slot back while it waits on a FHIR server.
 */
public final class AssessmentSlots {
    private final Semaphore free;

    public AssessmentSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("there must be at least one assessment slot");
        }
        this.free = new Semaphore(slots, true);
    }

    /** The default: two slots a processor, so one call may be writing its answer while another computes. */
    public static int twoPerProcessor() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * A slot, waiting for one until {@code deadlineNanos} (a System.nanoTime value; Long.MAX_VALUE waits as long as it
     * takes); a 503, with no cards, when none came free in time.
     */
    Slot take(long deadlineNanos) {
        acquire(deadlineNanos);
        return new Slot(deadlineNanos);
    }

    private void acquire(long deadlineNanos) {
        boolean taken;
        try {
            if (deadlineNanos == Long.MAX_VALUE) {
                free.acquire();
                taken = true;
            } else {
                taken = free.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is stopping; no cards were issued");
        }
        if (!taken) {
            throw new ApiException(503, "the server is at capacity: no assessment slot came free within the call's deadline; no cards were issued");
        }
    }

    /** The number of slots free now. */
    int free() {
        return free.availablePermits();
    }

    /** One call's slot; closing gives it back. */
    final class Slot implements AutoCloseable {
        private final long deadlineNanos;
        private boolean held = true;

        private Slot(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        /** Runs {@code waiting} (a call to another server) without the slot, and takes one again, within the deadline, after. */
        <T> T releasedWhile(Supplier<T> waiting) {
            held = false;
            free.release();
            T result = waiting.get();
            acquire(deadlineNanos);
            held = true;
            return result;
        }

        @Override
        public void close() {
            if (held) {
                held = false;
                free.release();
            }
        }
    }
}
