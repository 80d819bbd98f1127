package org.waymark.api.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One writer thread that stores what callers submit, a batch at a time: everything queued while the previous batch
 * was written goes into the next (group commit), so under load many callers share one transaction and one durable
 * commit (for an embedded H2 file, a commit rewrites the store's chunk metadata and costs more than the rows).
 * {@link #submit} returns only once the item's outcome is known, so nothing is acknowledged before it is stored.
 *
 * @param <T> what a caller submits
 * @param <R> the outcome a caller gets back
 */
public final class GroupCommit<T, R> implements AutoCloseable {
    /** An item of a batch; the batch writer settles every item it is given, with an outcome or a failure. */
    public static final class Pending<T, R> {
        private final T item;
        private final CompletableFuture<R> outcome = new CompletableFuture<>();

        private Pending(T item) {
            this.item = item;
        }

        public T item() {
            return item;
        }

        public void done(R result) {
            outcome.complete(result);
        }

        public void failed(Throwable cause) {
            outcome.completeExceptionally(cause);
        }
    }

    /** Writes one batch (on the writer thread) and settles each of its items. */
    @FunctionalInterface
    public interface BatchWriter<T, R> {
        void write(List<Pending<T, R>> batch);
    }

    /** The item was not stored, or its outcome is unknown: the caller must not act as if it were. */
    public static final class NotStored extends Exception {
        NotStored(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private final Pending<T, R> stop = new Pending<>(null);
    private final BatchWriter<T, R> writer;
    private final int maxBatch;
    private final long waitSeconds;
    private final Thread thread;
    private volatile boolean closed;

    public GroupCommit(String threadName, int maxBatch, long waitSeconds, BatchWriter<T, R> writer) {
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.waitSeconds = waitSeconds;
        this.thread = new Thread(this::drain, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the item and waits (up to the configured seconds) for the batch writer's outcome. */
    public R submit(T item) throws NotStored {
        if (closed) {
            throw new NotStored("is closed", null);
        }
        Pending<T, R> p = new Pending<>(item);
        queue.add(p);
        try {
            return p.outcome.get(waitSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new NotStored("cannot be written", e.getCause());
        } catch (TimeoutException e) {
            throw new NotStored("did not commit within " + waitSeconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotStored("interrupted while waiting for the commit", e);
        }
    }

    /** Items waiting for their commit now. */
    public int queueDepth() {
        return queue.size();
    }

    private void drain() {
        List<Pending<T, R>> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            stopping = batch.remove(stop);
            if (!batch.isEmpty()) {
                write(batch);
            }
            batch.clear();
        }
        // Whatever raced past close(): refused, so those callers go on as if nothing was stored.
        for (Pending<T, R> p; (p = queue.poll()) != null; ) {
            if (p != stop) {
                p.failed(new IllegalStateException("closed"));
            }
        }
    }

    private void write(List<Pending<T, R>> batch) {
        try {
            writer.write(batch);
        } catch (RuntimeException e) {
            // A writer's bug must not stop the thread (every later caller would wait out its time); these items failed.
            batch.forEach(p -> p.failed(e));
        }
    }

    /** Stops taking items, writes every item already queued, then stops the writer thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(stop);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(waitSeconds * 3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
