package org.waymark.api.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.store.GroupCommit.Pending;

/**
 * The store's one writer of what a call must have stored before it goes on (a client token's id, the call's audit entry
 * and cards): a {@link GroupCommit} whose batch holds rows of every {@link BatchRows} kind, written in one transaction
 * and one durable commit. One writer, not one per kind: an embedded H2 commit writes every page changed since the last
 * commit, so two writers committing apart each wrote the other's pages too, and commits, not rows, were most of the
 * store's CPU under load. If the shared transaction fails, each item is written alone by its own kind.
 */
public final class StoreWriter implements AutoCloseable {
    private record Item<T, R>(BatchRows<T, R> rows, T value) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_BATCH = 1000;
    private static final long COMMIT_WAIT_SECONDS = 10;

    private final Database database;
    private final GroupCommit<Item<?, ?>, Object> commits;

    public StoreWriter(Database database) {
        this.database = database;
        this.commits = new GroupCommit<>("waymark-store-writer", MAX_BATCH, COMMIT_WAIT_SECONDS, this::write);
    }

    /** Queues {@code item} as a row of {@code rows} and waits for its outcome: it is stored once this returns. */
    @SuppressWarnings("unchecked")
    public <T, R> R submit(BatchRows<T, R> rows, T item) throws GroupCommit.NotStored {
        return (R) commits.submit(new Item<>(rows, item));
    }

    /** Items waiting for their commit now. */
    public int queueDepth() {
        return commits.queueDepth();
    }

    private void write(List<Pending<Item<?, ?>, Object>> batch) {
        Map<BatchRows<?, ?>, List<Pending<Item<?, ?>, Object>>> byRows = new LinkedHashMap<>();
        batch.forEach(p -> byRows.computeIfAbsent(p.item().rows(), r -> new ArrayList<>()).add(p));
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            List<Object> outcomes = new ArrayList<>(batch.size());
            try {
                for (List<Pending<Item<?, ?>, Object>> items : byRows.values()) {
                    outcomes.addAll(insert(c, items));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                byRows.values().forEach(items -> items.forEach(p -> alone(c, p)));
                settled(c, byRows);
                return;
            }
            int i = 0;
            for (List<Pending<Item<?, ?>, Object>> items : byRows.values()) {
                for (Pending<Item<?, ?>, Object> p : items) {
                    p.done(outcomes.get(i++));
                }
            }
            settled(c, byRows);
        } catch (SQLException | RuntimeException e) {
            // No connection, or not even a rollback: none of these is known to be stored, so no caller may go on as if it were.
            LOG.error("store writer: store unavailable ({}); {} items not stored, their calls refused", e.getClass().getSimpleName(), batch.size());
            batch.forEach(p -> p.failed(e));
        }
    }

    /** The batch's items of one kind, grouped by their {@link BatchRows}, so each value is that kind's {@code T}. */
    @SuppressWarnings("unchecked")
    private static <T, R> List<R> insert(Connection c, List<Pending<Item<?, ?>, Object>> items) throws SQLException {
        BatchRows<T, R> rows = (BatchRows<T, R>) items.get(0).item().rows();
        return rows.insert(c, items.stream().map(p -> (T) p.item().value()).toList());
    }

    @SuppressWarnings("unchecked")
    private static <T, R> void alone(Connection c, Pending<Item<?, ?>, Object> p) {
        Item<T, R> item = (Item<T, R>) p.item();
        try {
            p.done(item.rows().alone(c, item.value()));
        } catch (SQLException | RuntimeException e) {
            p.failed(e);
        }
    }

    private static void settled(Connection c, Map<BatchRows<?, ?>, List<Pending<Item<?, ?>, Object>>> byRows) {
        byRows.forEach((rows, items) -> rows.settled(c, items.size()));
    }

    /** Stops taking items, writes every item already queued, then stops the writer thread. */
    @Override
    public void close() {
        commits.close();
    }
}
