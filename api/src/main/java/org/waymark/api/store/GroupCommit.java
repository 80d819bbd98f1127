package org.waymark.api.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that stores what callers submit, a batch at a time, in one transaction: everything queued while
 * the previous batch was written goes into the next (group commit), so under load many callers share one durable
 * commit (for an embedded H2 file, a commit rewrites the store's chunk metadata and costs more than the rows). The
 * server's replay store and audit trail share one writer, so a call's jti and other calls' audit rows are committed
 * together. {@link #submit} returns only once the item's outcome is known, so nothing is acknowledged before it is
 * stored.
 */
public final class GroupCommit implements AutoCloseable {
    /** An item of a batch; its {@link Rows} settles it, with an outcome or a failure. The first settlement counts. */
    public static final class Pending<T, R> {
        private final Rows<T, R> rows;
        private final T item;
        private final CompletableFuture<R> outcome = new CompletableFuture<>();

        private Pending(Rows<T, R> rows, T item) {
            this.rows = rows;
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

    /** One kind of item: how its share of a batch is written (on the writer thread). */
    public interface Rows<T, R> {
        /**
         * Adds the items' rows to the batch's open transaction (the writer commits). It may settle an item it need
         * not write (a duplicate in the batch); it throws if the rows cannot all be added.
         */
        void insert(Connection c, List<Pending<T, R>> items) throws SQLException;

        /** After the batch's commit: settles every item still pending as stored; may then do upkeep on {@code c}. */
        void committed(Connection c, List<Pending<T, R>> items);

        /** After the batch's transaction failed and was rolled back: writes each item alone and settles it. */
        void alone(Connection c, List<Pending<T, R>> items);
    }

    /** The item was not stored, or its outcome is unknown: the caller must not act as if it were. */
    public static final class NotStored extends Exception {
        NotStored(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final BlockingQueue<Pending<?, ?>> queue = new LinkedBlockingQueue<>();
    private final Pending<?, ?> stop = new Pending<>(null, null);
    private final Database database;
    private final int maxBatch;
    private final long waitSeconds;
    private final Thread thread;
    private volatile boolean closed;

    public GroupCommit(Database database, String threadName, int maxBatch, long waitSeconds) {
        this.database = database;
        this.maxBatch = maxBatch;
        this.waitSeconds = waitSeconds;
        this.thread = new Thread(this::drain, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** The server's writer: the replay store's and the audit trail's rows, up to 1,000 items a commit, 10 s to wait. */
    public static GroupCommit forStore(Database database) {
        return new GroupCommit(database, "waymark-store-writer", 1000, 10);
    }

    public Database database() {
        return database;
    }

    /** Queues the item and waits (up to the configured seconds) for its outcome. */
    public <T, R> R submit(Rows<T, R> rows, T item) throws NotStored {
        if (closed) {
            throw new NotStored("is closed", null);
        }
        Pending<T, R> p = new Pending<>(rows, item);
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

    /** Items of this kind waiting for their commit now (counted through the queue: for metrics, not per call). */
    public int queueDepth(Rows<?, ?> rows) {
        int n = 0;
        for (Pending<?, ?> p : queue) {
            n += p.rows == rows ? 1 : 0;
        }
        return n;
    }

    private void drain() {
        List<Pending<?, ?>> batch = new ArrayList<>();
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
                write(byKind(batch));
            }
            batch.clear();
        }
        // Whatever raced past close(): refused, so those callers go on as if nothing was stored.
        for (Pending<?, ?> p; (p = queue.poll()) != null; ) {
            if (p != stop) {
                p.failed(new IllegalStateException("closed"));
            }
        }
    }

    /** The batch's items by kind, each kind's in the order they came. */
    private static Map<Rows<?, ?>, List<Pending<?, ?>>> byKind(List<Pending<?, ?>> batch) {
        Map<Rows<?, ?>, List<Pending<?, ?>>> kinds = new LinkedHashMap<>();
        for (Pending<?, ?> p : batch) {
            kinds.computeIfAbsent(p.rows, k -> new ArrayList<>()).add(p);
        }
        return kinds;
    }

    private void write(Map<Rows<?, ?>, List<Pending<?, ?>>> kinds) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            boolean committed;
            try {
                for (Map.Entry<Rows<?, ?>, List<Pending<?, ?>>> kind : kinds.entrySet()) {
                    insert(c, kind.getKey(), kind.getValue());
                }
                c.commit();
                committed = true;
            } catch (SQLException | RuntimeException e) {
                // A replay, a row the store refuses, or the store itself: each kind retries its items alone.
                c.rollback();
                committed = false;
            }
            for (Map.Entry<Rows<?, ?>, List<Pending<?, ?>>> kind : kinds.entrySet()) {
                settle(c, kind.getKey(), kind.getValue(), committed);
            }
        } catch (SQLException | RuntimeException e) {
            // No connection, not even a rollback, or a writer's bug: none of these items is known to be stored. The
            // thread goes on (every later caller would otherwise wait out its time). First settlements count, so
            // items already settled keep their outcome.
            LOG.error("store writer: store unavailable ({}); {} calls' rows not stored", e.getClass().getSimpleName(),
                    kinds.values().stream().mapToInt(List::size).sum());
            kinds.values().forEach(items -> items.forEach(p -> p.failed(e)));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T, R> void insert(Connection c, Rows<T, R> rows, List<Pending<?, ?>> items) throws SQLException {
        rows.insert(c, (List<Pending<T, R>>) (List<?>) items);
    }

    @SuppressWarnings("unchecked")
    private static <T, R> void settle(Connection c, Rows<T, R> rows, List<Pending<?, ?>> items, boolean committed) {
        List<Pending<T, R>> mine = (List<Pending<T, R>>) (List<?>) items;
        if (committed) {
            rows.committed(c, mine);
        } else {
            rows.alone(c, mine);
        }
    }

    /** Stops taking items, writes every item already queued, then stops the writer thread. Closing again does nothing. */
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
