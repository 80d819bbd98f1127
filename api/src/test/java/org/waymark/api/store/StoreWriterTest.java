package org.waymark.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's one writer: rows of different kinds queued together are written in one transaction; when that
 * transaction fails, each item is written alone, so the bad row is refused to its caller only and the rest, of either
 * kind, are stored; a closed writer or a store that is down refuses, never acknowledges.
 */
class StoreWriterTest {
    /** Rows of one test table; records the connections its batches were written on. */
    private static final class Kind implements BatchRows<String, String> {
        private final String table;
        private final List<Connection> batches = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch release;
        private int settled;

        Kind(String table, CountDownLatch release) {
            this.table = table;
            this.release = release;
        }

        @Override
        public List<String> insert(Connection c, List<String> items) throws SQLException {
            batches.add(c);
            await();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (k) VALUES (?)")) {
                for (String item : items) {
                    insert.setString(1, item);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return items.stream().map(i -> table + ":" + i).toList();
        }

        @Override
        public String alone(Connection c, String item) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (k) VALUES (?)")) {
                insert.setString(1, item);
                insert.executeUpdate();
                c.commit();
                return table + ":" + item + " alone";
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }

        @Override
        public void settled(Connection c, int written) {
            settled += written;
        }

        private void await() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Database store(Path dir) throws SQLException {
        Database db = Database.embedded(dir);
        try (Connection c = db.connection()) {
            c.createStatement().execute("CREATE TABLE t_a (k VARCHAR(20) PRIMARY KEY)");
            c.createStatement().execute("CREATE TABLE t_b (k VARCHAR(20) PRIMARY KEY)");
        }
        return db;
    }

    private static List<String> rows(Database db, String table) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT k FROM " + table + " ORDER BY k")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /** An item of a kind, to queue. */
    private record Row(Kind kind, String item) {
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Kind a = new Kind("t_a", release);
    private final Kind b = new Kind("t_b", release);
    /** Each submitted item's outcome, in the order submitted. */
    private final List<Future<String>> outcomes = new ArrayList<>();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Blocks the writer on a first item of {@code a}, queues {@code queued} behind it, then lets it go. */
    private void queuedBehindOne(StoreWriter writer, Row... queued) {
        outcomes.add(pool.submit(() -> writer.submit(a, "first")));
        while (a.batches.isEmpty()) {
            Thread.onSpinWait();
        }
        for (Row row : queued) {
            outcomes.add(pool.submit(() -> writer.submit(row.kind(), row.item())));
        }
        while (writer.queueDepth() < queued.length) {
            Thread.onSpinWait();
        }
        release.countDown();
    }

    @Test
    void rowsOfTwoKindsQueuedTogetherShareOneTransaction(@TempDir Path dir) throws Exception {
        try (Database db = store(dir); StoreWriter writer = new StoreWriter(db)) {
            queuedBehindOne(writer, new Row(a, "a1"), new Row(b, "b1"), new Row(a, "a2"));
            List<String> got = new ArrayList<>();
            for (Future<String> f : outcomes) {
                got.add(f.get());
            }
            assertEquals(List.of("t_a:first", "t_a:a1", "t_b:b1", "t_a:a2"), got, "each caller has its own item's outcome");
            assertEquals(2, a.batches.size(), "the first item, then a1 and a2 in one batch");
            assertEquals(1, b.batches.size());
            assertSame(a.batches.get(1), b.batches.get(0), "the second batch wrote both kinds on one connection, in one transaction");
            assertEquals(List.of("a1", "a2", "first"), rows(db, "t_a"));
            assertEquals(List.of("b1"), rows(db, "t_b"));
            writer.close(); // housekeeping runs after the callers are answered: joining the writer waits for it
            assertEquals(3, a.settled);
            assertEquals(1, b.settled);
        }
    }

    @Test
    void aBadRowIsRefusedAloneAndTheRestOfEitherKindIsStored(@TempDir Path dir) throws Exception {
        try (Database db = store(dir); StoreWriter writer = new StoreWriter(db)) {
            // "first" again is a primary-key violation: the shared transaction fails and is rolled back.
            queuedBehindOne(writer, new Row(b, "b1"), new Row(a, "first"), new Row(a, "a2"));
            assertEquals("t_a:first", outcomes.get(0).get());
            assertEquals("t_b:b1 alone", outcomes.get(1).get());
            Exception refused = assertThrows(Exception.class, () -> outcomes.get(2).get());
            assertTrue(refused.getCause() instanceof GroupCommit.NotStored, "the duplicate's caller is told it was not stored");
            assertEquals("t_a:a2 alone", outcomes.get(3).get());
            assertEquals(List.of("a2", "first"), rows(db, "t_a"));
            assertEquals(List.of("b1"), rows(db, "t_b"));
        }
    }

    @Test
    void aClosedWriterOrAStoreThatIsDownRefuses(@TempDir Path dir) throws Exception {
        Database db = store(dir);
        Kind open = new Kind("t_a", new CountDownLatch(0));
        StoreWriter writer = new StoreWriter(db);
        assertEquals("t_a:up", writer.submit(open, "up"));
        db.close();
        assertThrows(GroupCommit.NotStored.class, () -> writer.submit(open, "down"));
        writer.close();
        assertThrows(GroupCommit.NotStored.class, () -> writer.submit(open, "closed"));
        try (Database reopened = Database.embedded(dir)) {
            assertEquals(List.of("up"), rows(reopened, "t_a"), "nothing refused was stored");
        }
    }
}
